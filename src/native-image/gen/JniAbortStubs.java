import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes one C file per JNI native of java.base: a stub that says which native was reached and
 * aborts. The JDK's static libraries are not published, so the link needs some definition of every
 * native the image might reference; those jrunc really uses are implemented in c/jdknatives.c,
 * which is linked first. One symbol per object file lets the archive supply only what is missing.
 */
public class JniAbortStubs {
    static String mangle(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '/' || c == '.') b.append('_');
            else if (c == '_') b.append("_1");
            else if (c == ';') b.append("_2");
            else if (c == '[') b.append("_3");
            else if (Character.isLetterOrDigit(c) && c < 128) b.append(c);
            else b.append("_0").append(String.format("%04x", (int) c));
        }
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Set<String> symbols = new TreeSet<>();
        Path base = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/java.base");
        try (Stream<Path> classes = Files.walk(base)) {
            for (Path p : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                ClassModel cm = ClassFile.of().parse(Files.readAllBytes(p));
                for (MethodModel m : cm.methods()) {
                    if ((m.flags().flagsMask() & ClassFile.ACC_NATIVE) != 0) {
                        symbols.add("Java_" + mangle(cm.thisClass().asInternalName()) + "_" + mangle(m.methodName().stringValue()));
                    }
                }
            }
        }
        int i = 0;
        for (String lib : new String[] {"java", "nio", "net", "zip"}) {
            Files.writeString(out.resolve("s" + i++ + ".c"), "int JNI_OnLoad_" + lib + "(void *vm, void *r) { return 0x00010008; }\n");
        }
        for (String sym : symbols) {
            Files.writeString(out.resolve("s" + i++ + ".c"),
                    "#include <unistd.h>\n#include <stdlib.h>\nvoid " + sym + "(void) {\n"
                    + "  static const char m[] = \"jrunc: unimplemented JDK native " + sym + "\\n\";\n"
                    + "  (void) write(2, m, sizeof m - 1); abort();\n}\n");
        }
        System.out.println(symbols.size() + " JNI stubs");
    }
}
