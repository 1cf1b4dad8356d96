package io.jrunc.commands;

import io.jrunc.cli.CliHarness;
import io.jrunc.cli.Command;
import io.jrunc.container.Container;
import io.jrunc.container.StateStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pause and resume: the freezer writes, the "paused" status they lead to, and runc's refusals. */
class PauseResumeCommandTest {
    private static final List<Command> COMMANDS = List.of(new PauseCommand(), new ResumeCommand(), new StateCommand());

    private static String status(CgroupKernel k) {
        CliHarness.Outcome o = k.run(COMMANDS, "state", CgroupKernel.ID);
        assertEquals(0, o.status(), o.err());
        int at = o.out().indexOf("\"status\": \"");
        return o.out().substring(at + 11, o.out().indexOf('"', at + 11));
    }

    private static void assertFails(CliHarness.Outcome o, String message) {
        assertEquals(1, o.status(), o.out());
        assertTrue(o.err().contains("msg=\"" + message + "\""), o.err());
    }

    @Test
    void pauseFreezesAndResumeThawsOnV1() {
        CgroupKernel k = CgroupKernel.v1(null);
        assertEquals("running", status(k));

        assertEquals(0, k.run(COMMANDS, "pause", "c1").status());
        assertEquals(List.of("freezer/c1/freezer.state=FROZEN"), k.cgroupWrites());
        assertEquals("paused", status(k));

        assertEquals(0, k.run(COMMANDS, "resume", "c1").status());
        assertEquals("THAWED", k.value("freezer", "freezer.state"));
        assertEquals("running", status(k));
    }

    @Test
    void pauseFreezesAndResumeThawsOnV2() {
        CgroupKernel k = CgroupKernel.v2(null);
        assertEquals(0, k.run(COMMANDS, "pause", "c1").status());
        assertEquals(List.of("c1/cgroup.freeze=1"), k.cgroupWrites());
        assertEquals("paused", status(k));
        assertEquals(0, k.run(COMMANDS, "resume", "c1").status());
        assertEquals("0", k.value("", "cgroup.freeze"));
        assertEquals("running", status(k));
    }

    @Test
    void aCreatedContainerCanBePausedAndIsCreatedAgainAfterResume() {
        CgroupKernel k = CgroupKernel.v1(null).created();
        assertEquals("created", status(k));
        assertEquals(0, k.run(COMMANDS, "pause", "c1").status());
        assertEquals("paused", status(k));
        assertEquals(0, k.run(COMMANDS, "resume", "c1").status());
        assertEquals("created", status(k));
    }

    @Test
    void refusalsUseRuncsWords() {
        CgroupKernel k = CgroupKernel.v1(null);
        assertFails(k.run(COMMANDS, "resume", "c1"), "container not paused");
        assertEquals(0, k.run(COMMANDS, "pause", "c1").status());
        assertFails(k.run(COMMANDS, "pause", "c1"), "container not running"); // runc: already paused is not running
        k.stopInit();
        assertFails(k.run(COMMANDS, "pause", "c1"), "container not running");
        assertFails(k.run(COMMANDS, "resume", "c1"), "container not paused");
        assertFails(k.run(COMMANDS, "pause", "nosuch"), "container does not exist");
        assertTrue(k.cgroupWrites().size() == 1, k.cgroupWrites().toString());
    }

    @Test
    void aDeadInitIsStoppedEvenInAFrozenCgroup() {
        CgroupKernel k = CgroupKernel.v2(null);
        assertEquals(0, k.run(COMMANDS, "pause", "c1").status());
        k.stopInit();
        assertEquals("stopped", status(k));
    }

    @Test
    void thawAfterSigkillThawsOnlyAFrozenCgroup() {
        CgroupKernel k = CgroupKernel.v1(null);
        StateStore store = new StateStore(k, CgroupKernel.ROOT);
        Container.load(k, store, "c1").thawAfterSigkill();
        assertEquals(List.of(), k.cgroupWrites());
        Container.load(k, store, "c1").pause();
        Container.load(k, store, "c1").thawAfterSigkill();
        assertEquals(List.of("freezer/c1/freezer.state=FROZEN", "freezer/c1/freezer.state=THAWED"), k.cgroupWrites());
    }

    @Test
    void aContainerWithoutFreezerCannotBePaused() {
        CgroupKernel k = CgroupKernel.v1(null);
        k.unlinkat(io.jrunc.sys.Linux.AT_FDCWD, k.cg("freezer") + "/freezer.state", 0);
        k.unlinkat(io.jrunc.sys.Linux.AT_FDCWD, k.cg("freezer") + "/freezer.self_freezing", 0);
        CliHarness.Outcome o = k.run(COMMANDS, "pause", "c1");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("freezer.state: no such file or directory"), o.err());
    }
}
