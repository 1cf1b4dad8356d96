import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * Writes the C headers our replacement SubstrateVM helpers (c/svmhelpers.c) compile against. The
 * CPUFeatures struct must match the builder's @CStruct interface field for field, so it is derived
 * from svm.jar rather than written by hand.
 */
public class CpuFeatureHeaders {
    public static void main(String[] args) throws Exception {
        Path svmJar = Path.of(args[0]);
        Path include = Files.createDirectories(Path.of(args[1]));
        try (ZipFile jar = new ZipFile(svmJar.toFile())) {
            var entry = jar.getEntry("com/oracle/svm/core/amd64/AMD64LibCHelper$CPUFeatures.class");
            ClassModel model = ClassFile.of().parse(jar.getInputStream(entry).readAllBytes());
            StringBuilder h = new StringBuilder("/* generated from ").append(model.thisClass().asInternalName())
                    .append(" */\n#pragma once\ntypedef struct {\n");
            for (MethodModel m : model.methods()) h.append("  char ").append(m.methodName().stringValue()).append(";\n");
            h.append("} CPUFeatures;\n");
            Files.writeString(include.resolve("amd64cpufeatures.h"), h);
        }
    }
}
