package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/** Parsing helpers shared by the v1 and v2 statistics readers. */
final class CgroupStatsReading {
    private CgroupStatsReading() {}

    /** "name value" lines (memory.stat, cpu.stat), sorted by name as Go writes maps; other lines are skipped. */
    static Map<String, Long> keyValues(String text, String where) {
        Map<String, Long> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                out.put(f[0], CgroupFiles.parseUint(f[1], where));
            }
        }
        return out;
    }

    /** A file holding one number, 0 when the file does not exist. */
    static long optionalUint(CgroupFiles files, String dir, String file) {
        String text = files.readIfExists(dir, file);
        return text == null ? 0 : CgroupFiles.parseUint(text.trim(), CgroupFiles.path(dir, file));
    }

    /** Space-separated numbers (cpuacct.usage_percpu). */
    static List<Long> uintList(String text, String where) {
        List<Long> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String f : text.trim().split("\\s+")) {
            if (!f.isEmpty()) {
                out.add(CgroupFiles.parseUint(f, where));
            }
        }
        return out;
    }

    /** A cpuset list ("0-3,8") expanded. */
    static List<Integer> cpuList(String text) {
        List<Integer> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.trim().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                out.add(Integer.parseInt(part));
            } else {
                int from = Integer.parseInt(part.substring(0, dash));
                int to = Integer.parseInt(part.substring(dash + 1));
                for (int i = from; i <= to; i++) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** A *.pressure file: "some avg10=0.00 avg60=0.00 avg300=0.00 total=0" and the "full" line. */
    static CgroupStats.Psi psi(String text) {
        if (text == null) {
            return null;
        }
        CgroupStats.PsiData some = zeroPsi();
        CgroupStats.PsiData full = zeroPsi();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || !(f[0].equals("some") || f[0].equals("full"))) {
                continue;
            }
            BigDecimal avg10 = BigDecimal.ZERO;
            BigDecimal avg60 = BigDecimal.ZERO;
            BigDecimal avg300 = BigDecimal.ZERO;
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=", 2);
                if (kv.length != 2) {
                    throw new JruncException("invalid psi data: \"" + f[i] + "\"");
                }
                try {
                    switch (kv[0]) {
                        case "avg10" -> avg10 = new BigDecimal(kv[1]);
                        case "avg60" -> avg60 = new BigDecimal(kv[1]);
                        case "avg300" -> avg300 = new BigDecimal(kv[1]);
                        case "total" -> total = Long.parseUnsignedLong(kv[1]);
                        default -> { }
                    }
                } catch (NumberFormatException e) {
                    throw new JruncException("invalid psi value: \"" + f[i] + "\"");
                }
            }
            CgroupStats.PsiData data = new CgroupStats.PsiData(avg10, avg60, avg300, total);
            if (f[0].equals("some")) {
                some = data;
            } else {
                full = data;
            }
        }
        return new CgroupStats.Psi(some, full);
    }

    private static CgroupStats.PsiData zeroPsi() {
        return new CgroupStats.PsiData(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /**
     * The huge page sizes the hugetlb controller offers in {@code dir}, read from the names of
     * its limit files ("hugetlb.2MB.limit_in_bytes" on v1, "hugetlb.2MB.max" on v2): the same
     * sizes as /sys/kernel/mm/hugepages, without another host path to know.
     */
    static List<String> hugePageSizes(Syscalls sys, String dir, String limitSuffix) {
        Pattern name = Pattern.compile("hugetlb\\.([^.]+)\\." + Pattern.quote(limitSuffix));
        List<String> out = new ArrayList<>();
        for (Syscalls.DirEntry entry : SysFiles.entriesIfExists(sys, dir, 0)) {
            Matcher m = name.matcher(entry.name());
            if (m.matches()) {
                out.add(m.group(1));
            }
        }
        out.sort(null);
        return out;
    }
}
