package io.jrunc.container;

/**
 * The two fields of /proc/PID/stat that tell a live container init from a dead or reused pid: the
 * process state letter and its start time (clock ticks since boot). The comm field may itself hold
 * spaces and parentheses, so parsing starts after the last ')'.
 */
public record ProcStat(char state, long startTime) {

    public static ProcStat parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            throw new IllegalArgumentException("malformed /proc stat line");
        }
        String[] fields = stat.substring(close + 2).trim().split(" ");
        // fields[0] is field 3 (state); start time is field 22
        if (fields.length < 20) throw new IllegalArgumentException("malformed /proc stat line");
        return new ProcStat(fields[0].charAt(0), Long.parseLong(fields[19]));
    }

    /** Zombie or dead: the process has exited, only its parent has not reaped it yet. */
    public boolean hasExited() {
        return state == 'Z' || state == 'X' || state == 'x';
    }
}
