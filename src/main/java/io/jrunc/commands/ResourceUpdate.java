package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cli.ParsedFlags;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.spec.Resources;
import io.jrunc.spec.SpecParser;
import io.jrunc.sys.GoQuote;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code update} asks for and how it lands on the container's saved resources, as runc's
 * update.go does it. The request is a {@link Resources} whose null members were not asked for,
 * read either from a resources document ({@code -r FILE|-}; then every other flag is ignored) or
 * from the flags (memory sizes as docker's units.RAMInBytes reads them, "-1" meaning unlimited).
 *
 * <p>{@link #merge} follows runc for what it copies: memory limit/reservation/swap, pids limit,
 * block I/O weights, CPU shares, quota, period, realtime settings and cpuset lists replace the saved
 * values when given and keep them otherwise; CPU burst and idle are what the call gives (runc resets
 * them), {@code unified} is the document's (written last on v2, an old map would undo the update),
 * weight and throttle devices are updated or added by major:minor, checkBeforeUpdate applies to this
 * call only. Devices, hugepages, network, rdma, swappiness and the OOM killer stay as saved: runc
 * update cannot change them.
 */
final class ResourceUpdate {
    private ResourceUpdate() {}

    static final String KERNEL_MEMORY_WARNING = "Kernel memory settings are ignored and will be removed";

    /** The resources document as runc decodes it into a specs.LinuxResources ("EOF" when empty; null asks nothing). */
    static Resources fromDocument(byte[] document) {
        String text = new String(document, java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank()) throw new JruncException("EOF");
        JsonValue value = Json.parse(document);
        if (value instanceof JsonValue.JsonNull) return Resources.EMPTY;
        return SpecParser.parseResources(value);
    }

    /** The request made of update's flags, with runc's parsing and its error texts. */
    static Resources fromFlags(ParsedFlags flags) {
        Integer weight = null;
        long blkio = flags.integer("blkio-weight");
        if (blkio != 0) weight = (int) (blkio & 0xffff); // Go's uint16(val)
        String cpus = nonEmpty(flags.string("cpuset-cpus"));
        String mems = nonEmpty(flags.string("cpuset-mems"));
        Long idle = signed(flags, "cpu-idle");
        Long burst = unsigned(flags, "cpu-burst");
        Long period = unsigned(flags, "cpu-period");
        Long rtPeriod = unsigned(flags, "cpu-rt-period");
        Long shares = unsigned(flags, "cpu-share");
        Long quota = signed(flags, "cpu-quota");
        Long rtRuntime = signed(flags, "cpu-rt-runtime");
        Long limit = memory(flags, "memory");
        Long swap = memory(flags, "memory-swap");
        Long kernel = memory(flags, "kernel-memory");
        Long kernelTcp = memory(flags, "kernel-memory-tcp");
        Long reservation = memory(flags, "memory-reservation");
        Resources.Pids pids = flags.isSet("pids-limit") ? new Resources.Pids(flags.integer("pids-limit")) : null;
        return new Resources(null,
                new Resources.Memory(limit, reservation, swap, kernel, kernelTcp, null, null, null, null),
                new Resources.Cpu(shares, quota, burst, period, rtRuntime, rtPeriod, cpus, mems, idle),
                pids,
                new Resources.BlockIo(weight, null, null, null, null, null, null),
                null, null, null, null);
    }

    /** runc's warning when the request names kernel memory limits, which nothing applies any more. */
    static void warnIgnored(Resources request, Consumer<String> warn) {
        Resources.Memory m = request.memory();
        if (m != null && (m.kernel() != null || m.kernelTCP() != null)) warn.accept(KERNEL_MEMORY_WARNING);
    }

    /** The saved resources with the request merged in (see the class comment). */
    static Resources merge(Resources current, Resources request) {
        return new Resources(
                current.devices(),
                memory(current.memory(), request.memory()),
                cpu(current.cpu(), request.cpu()),
                pick(request.pids(), current.pids()),
                blockIo(current.blockIO(), request.blockIO()),
                current.hugepageLimits(),
                current.network(),
                current.rdma(),
                request.unified());
    }

    private static final Resources.Memory NO_MEMORY = new Resources.Memory(null, null, null, null, null, null, null, null, null);
    private static final Resources.Cpu NO_CPU = new Resources.Cpu(null, null, null, null, null, null, null, null, null);
    private static final Resources.BlockIo NO_BLOCK_IO = new Resources.BlockIo(null, null, null, null, null, null, null);

    private static Resources.Memory memory(Resources.Memory cur, Resources.Memory req) {
        if (req == null) return cur;
        Resources.Memory c = cur != null ? cur : NO_MEMORY;
        Long limit = pick(req.limit(), c.limit());
        Long swap = pick(req.swap(), c.swap());
        if (req.limit() != null && req.limit() == -1 && req.swap() == null) {
            swap = null; // no memory limit and no swap given: the swap limit goes too (or it would be below)
        }
        Resources.Memory merged = new Resources.Memory(limit, pick(req.reservation(), c.reservation()), swap, c.kernel(),
                c.kernelTCP(), c.swappiness(), c.disableOOMKiller(), c.useHierarchy(), req.checkBeforeUpdate());
        return merged.equals(NO_MEMORY) ? null : merged;
    }

    private static Resources.Cpu cpu(Resources.Cpu cur, Resources.Cpu req) {
        if (req == null) req = NO_CPU;
        if (cur == null) cur = NO_CPU;
        // idle without shares: rewriting the old shares would be refused once the cgroup is idle
        Long shares = req.idle() != null && req.shares() == null ? null : pick(req.shares(), cur.shares());
        Long period = req.period() != null && req.period() != 0 ? req.period() : cur.period();
        Long quota = req.quota() != null && req.quota() != 0 ? req.quota() : cur.quota();
        Resources.Cpu merged = new Resources.Cpu(shares, quota, req.burst(), period,
                pick(req.realtimeRuntime(), cur.realtimeRuntime()), pick(req.realtimePeriod(), cur.realtimePeriod()),
                nonEmpty(req.cpus()) != null ? req.cpus() : cur.cpus(),
                nonEmpty(req.mems()) != null ? req.mems() : cur.mems(),
                req.idle());
        return merged.equals(NO_CPU) ? null : merged;
    }

    private static Resources.BlockIo blockIo(Resources.BlockIo cur, Resources.BlockIo req) {
        if (req == null) return cur;
        Resources.BlockIo c = cur != null ? cur : NO_BLOCK_IO;
        List<Resources.WeightDevice> weights = new ArrayList<>(c.weightDevice());
        for (Resources.WeightDevice wd : req.weightDevice()) upsertWeight(weights, wd);
        Resources.BlockIo merged = new Resources.BlockIo(pick(req.weight(), c.weight()),
                pick(req.leafWeight(), c.leafWeight()), weights,
                upsert(c.throttleReadBpsDevice(), req.throttleReadBpsDevice()),
                upsert(c.throttleWriteBpsDevice(), req.throttleWriteBpsDevice()),
                upsert(c.throttleReadIOPSDevice(), req.throttleReadIOPSDevice()),
                upsert(c.throttleWriteIOPSDevice(), req.throttleWriteIOPSDevice()));
        return cur == null && merged.equals(NO_BLOCK_IO) ? null : merged;
    }

    /** runc's upsertWeightDevice: the last entry for the device gets the given weights, or a new entry. */
    private static void upsertWeight(List<Resources.WeightDevice> devices, Resources.WeightDevice wd) {
        for (int i = devices.size() - 1; i >= 0; i--) {
            Resources.WeightDevice d = devices.get(i);
            if (d.major() == wd.major() && d.minor() == wd.minor()) {
                devices.set(i, new Resources.WeightDevice(d.major(), d.minor(), pick(wd.weight(), d.weight()),
                        pick(wd.leafWeight(), d.leafWeight())));
                return;
            }
        }
        devices.add(wd);
    }

    /** runc's upsertThrottleDevice for each requested device. */
    private static List<Resources.ThrottleDevice> upsert(List<Resources.ThrottleDevice> current,
                                                         List<Resources.ThrottleDevice> requested) {
        List<Resources.ThrottleDevice> out = new ArrayList<>(current);
        next:
        for (Resources.ThrottleDevice td : requested) {
            for (int i = out.size() - 1; i >= 0; i--) {
                if (out.get(i).major() == td.major() && out.get(i).minor() == td.minor()) {
                    out.set(i, td);
                    continue next;
                }
            }
            out.add(td);
        }
        return out;
    }

    private static <T> T pick(T requested, T current) {
        return requested != null ? requested : current;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ---- flag values, as runc parses them ----

    /** strconv.ParseInt(val, 10, 64) of a string flag; null when not given (or empty). */
    private static Long signed(ParsedFlags flags, String name) {
        String v = nonEmpty(flags.string(name));
        return v == null ? null : parseDecimal(v, true, name);
    }

    /** strconv.ParseUint(val, 10, 64), the uint64 kept as the bits of a long. */
    private static Long unsigned(ParsedFlags flags, String name) {
        String v = nonEmpty(flags.string(name));
        return v == null ? null : parseDecimal(v, false, name);
    }

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    static long parseDecimal(String s, boolean signed, String flag) {
        String func = signed ? "strconv.ParseInt" : "strconv.ParseUint";
        String digits = signed && (s.startsWith("+") || s.startsWith("-")) ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(flag, func + ": parsing " + GoQuote.quote(s) + ": invalid syntax");
        }
        BigInteger v = new BigInteger(digits);
        if (s.startsWith("-")) v = v.negate();
        boolean fits = signed ? v.bitLength() < 64 : v.compareTo(UINT64_MAX) <= 0;
        if (!fits) throw invalid(flag, func + ": parsing " + GoQuote.quote(s) + ": value out of range");
        return v.longValue();
    }

    /** A memory flag: "-1" is unlimited, anything else units.RAMInBytes. */
    private static Long memory(ParsedFlags flags, String name) {
        String v = nonEmpty(flags.string(name));
        if (v == null) return null;
        if (v.equals("-1")) return -1L;
        try {
            return ramInBytes(v);
        } catch (JruncException e) {
            throw invalid(name, e.getMessage());
        }
    }

    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kmgtp])?i?b?$", Pattern.CASE_INSENSITIVE);

    /**
     * docker's units.RAMInBytes: a number (fractions allowed), an optional space, an optional
     * binary unit k, m, g, t or p, an optional i and b, in any case ("512m", "1.5GiB", "100 kb").
     */
    static long ramInBytes(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) throw new JruncException("invalid size: '" + size + "'");
        double value;
        try {
            value = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw new JruncException("strconv.ParseFloat: parsing " + GoQuote.quote(m.group(1)) + ": invalid syntax");
        }
        if (Double.isInfinite(value)) {
            throw new JruncException("strconv.ParseFloat: parsing " + GoQuote.quote(m.group(1)) + ": value out of range");
        }
        if (m.group(3) != null) {
            value *= switch (Character.toLowerCase(m.group(3).charAt(0))) {
                case 'k' -> 1024d;
                case 'm' -> 1024d * 1024;
                case 'g' -> 1024d * 1024 * 1024;
                case 't' -> 1024d * 1024 * 1024 * 1024;
                default -> 1024d * 1024 * 1024 * 1024 * 1024;
            };
        }
        // Go's int64(float64) on amd64: out of range gives the minimum int64
        return value >= 0x1p63 ? Long.MIN_VALUE : (long) value;
    }

    private static JruncException invalid(String flag, String why) {
        return new JruncException("invalid value for " + flag + ": " + why);
    }
}
