package io.jrunc.cgroups;

import io.jrunc.sys.Linux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** SIGKILL through a hybrid host's cgroup.kill of a container that pause froze in the v1 freezer. */
class CgroupHybridKillTest {
    @TempDir
    Path tmp;

    @Test
    void cgroupKillOfAFrozenContainerThawsItSoTheKillTakesEffect() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(true), "c1", "/c1", false);
        m.create(null);
        fs.put("unified/c1/cgroup.kill", "");
        m.freeze();
        fs.clearWrites();
        m.killAll(Linux.SIGKILL);
        assertEquals(List.of("unified/c1/cgroup.kill: 1", "freezer/c1/freezer.state: THAWED"), fs.writes());
        assertFalse(m.isFrozen());
    }
}
