import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.util.TreeSet;

/** Prints the --add-exports/--add-opens lines the GraalVM builder modules need on a stock JDK (one arg per line, for @file). */
public class ModuleExports {
    public static void main(String[] args) {
        String readers = String.join(",",
                "org.graalvm.nativeimage.builder", "org.graalvm.nativeimage.base", "org.graalvm.nativeimage.pointsto",
                "org.graalvm.nativeimage.objectfile", "org.graalvm.nativeimage", "org.graalvm.word", "org.graalvm.collections",
                "jdk.graal.compiler", "org.graalvm.nativeimage.configure", "org.graalvm.truffle.compiler",
                "org.graalvm.espresso.shared.svm", "ALL-UNNAMED");
        for (ModuleReference ref : ModuleFinder.ofSystem().findAll()) {
            String module = ref.descriptor().name();
            boolean jdkModule = module.startsWith("java.") || module.startsWith("jdk.");
            // the JDK's own copy of Graal would clash with the builder's compiler jar
            if (!jdkModule || module.startsWith("jdk.graal.compiler")) continue;
            for (String pkg : new TreeSet<>(ref.descriptor().packages())) {
                System.out.println("--add-exports=" + module + "/" + pkg + "=" + readers);
                System.out.println("--add-opens=" + module + "/" + pkg + "=" + readers);
            }
        }
    }
}
