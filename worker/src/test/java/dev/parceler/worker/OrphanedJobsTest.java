package dev.parceler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.sync.JobRun;
import dev.parceler.sync.LocalProcesses;
import dev.parceler.sync.RepositoryLease;
import dev.parceler.testing.TestInstallation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker tells a dead worker of its own machine by its process id, which means nothing on
 * another host: workers on several hosts share the leases, and a lease held by another host's
 * worker is never taken as orphaned here, whatever its pid is doing on this machine.
 */
class OrphanedJobsTest {
    @TempDir
    Path home;
    private TestInstallation parceler;
    private final LocalProcesses processes = new LocalProcesses(Path.of("/proc"));
    private long deadPid;

    @BeforeEach
    void start() throws Exception {
        parceler = TestInstallation.in(home);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        deadPid = gone.pid();
    }

    @AfterEach
    void stop() {
        parceler.close();
    }

    private RepositoryLease leaseOf(Optional<LocalProcesses.Identity> worker) {
        return new RepositoryLease(parceler.installation().database().dataSource(), parceler.clock(), Duration.ofSeconds(60), worker);
    }

    private OrphanedJobs thisHostsWatch() {
        return new OrphanedJobs(leaseOf(processes.self()), processes, new Leftovers(processes), parceler.installation().jobs().runs(),
                parceler.installation().jobs().storage());
    }

    /** A worker whose pid has no live process here, in {@code space}; it holds base's lease and runs a sync. */
    private UUID holdingWorker(String space) {
        UUID job = UUID.randomUUID();
        RepositoryLease theirs = leaseOf(Optional.of(new LocalProcesses.Identity(space, deadPid, 4242)));
        assertThat(theirs.acquire("base", job.toString())).isTrue();
        theirs.command("base", job.toString(), deadPid);
        parceler.installation().jobs().runs().start("base", JobRun.Kind.SYNC, job);
        return job;
    }

    private String thisHost() {
        return processes.space().orElseThrow();
    }

    @Test
    void aWorkerOfAnotherHostKeepsItsLeaseAndItsRun() throws Exception {
        // Another boot id: another host, even in a pid namespace numbered as this one.
        String otherHost = UUID.randomUUID() + thisHost().substring(thisHost().indexOf('/'));
        UUID job = holdingWorker(otherHost);

        assertThat(thisHostsWatch().sweep()).isZero();

        RepositoryLease.Holder holder = leaseOf(processes.self()).holder("base").orElseThrow();
        assertThat(holder.job()).isEqualTo(job.toString());
        assertThat(holder.worker().orElseThrow().space()).isEqualTo(otherHost);
        assertThat(leaseOf(processes.self()).acquire("base", UUID.randomUUID().toString()))
                .as("no other job of base runs meanwhile").isFalse();
        assertThat(parceler.installation().jobs().runs().recent("base", 5)).singleElement()
                .extracting(JobRun::outcome).isEqualTo(JobRun.Outcome.RUNNING);
    }

    @Test
    void aDeadWorkerOfThisHostLosesItsLeaseAndItsRunIsInterrupted() throws Exception {
        UUID job = holdingWorker(thisHost());

        thisHostsWatch().sweep();

        assertThat(leaseOf(processes.self()).holder("base")).isEmpty();
        assertThat(parceler.installation().jobs().runs().recent("base", 5)).singleElement().satisfies(run -> {
            assertThat(run.jobId()).contains(job.toString());
            assertThat(run.outcome()).isEqualTo(JobRun.Outcome.INTERRUPTED);
        });
    }
}
