import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * Writes the C headers the image builder looks for and our replacement SubstrateVM helpers
 * (c/svmhelpers.c) compile against. The CPUFeatures structs must match the builder's @CStruct
 * interfaces field for field, so they are derived from svm.jar rather than written by hand.
 */
public class BuilderHeaders {
    public static void main(String[] args) throws Exception {
        Path svmJar = Path.of(args[0]);
        Path include = Files.createDirectories(Path.of(args[1]));
        // the builder checks the headers of every architecture it knows, whatever the target
        try (ZipFile jar = new ZipFile(svmJar.toFile())) {
            for (String arch : new String[] {"amd64/AMD64", "aarch64/AArch64", "riscv64/RISCV64"}) {
                String dir = arch.split("/")[0], prefix = arch.split("/")[1];
                var entry = jar.getEntry("com/oracle/svm/core/" + dir + "/" + prefix + "LibCHelper$CPUFeatures.class");
                ClassModel model = ClassFile.of().parse(jar.getInputStream(entry).readAllBytes());
                StringBuilder h = new StringBuilder("/* generated from ").append(model.thisClass().asInternalName())
                        .append(" */\n#pragma once\ntypedef struct {\n");
                for (MethodModel m : model.methods()) h.append("  char ").append(m.methodName().stringValue()).append(";\n");
                h.append("} CPUFeatures;\n");
                Files.writeString(include.resolve(dir + "cpufeatures.h"), h);
            }
        }
        Files.writeString(include.resolve("svm_locale.h"), """
                #pragma once
                #define SVM_LOCALE_INITIALIZATION_SUCCEEDED 0
                #define SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY 1
                typedef struct {
                  char *display_language, *display_script, *display_country, *display_variant;
                  char *format_language, *format_script, *format_country, *format_variant;
                } svm_locale_props_t;
                int svm_initialize_locale(void);
                svm_locale_props_t *svm_get_locale(void);
                """);
    }
}
