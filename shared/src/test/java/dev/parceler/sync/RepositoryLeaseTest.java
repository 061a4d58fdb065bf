package dev.parceler.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parceler.testing.TestInstallation;
import dev.parceler.testing.TestInstallations;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestInstallations.class)
class RepositoryLeaseTest {
    private TestInstallation parceler;
    private RepositoryLease lease;

    @BeforeEach
    void start(TestInstallation parceler) {
        this.parceler = parceler;
        lease = new RepositoryLease(parceler.installation().database().dataSource(), parceler.clock(), Duration.ofSeconds(60), java.util.Optional.empty());
    }

    @Test
    void oneHolderPerRepository() {
        assertThat(lease.acquire("base", "job-1")).isTrue();
        assertThat(lease.acquire("base", "job-2")).isFalse();
        assertThat(lease.acquire("other", "job-2")).isTrue();
        assertThat(lease.acquire("base", "job-1")).as("the same job, run again after its worker died").isTrue();

        lease.release("base", "job-2");
        assertThat(lease.acquire("base", "job-2")).as("releasing someone else's lease does nothing").isFalse();
        lease.release("base", "job-1");
        assertThat(lease.acquire("base", "job-2")).isTrue();
    }

    @Test
    void anUnrenewedLeaseExpires() {
        assertThat(lease.acquire("base", "job-1")).isTrue();
        parceler.clock().advance(Duration.ofSeconds(50));
        assertThat(lease.renew("base", "job-1")).isTrue();
        parceler.clock().advance(Duration.ofSeconds(50));
        assertThat(lease.acquire("base", "job-2")).as("renewed ten seconds ago").isFalse();

        parceler.clock().advance(Duration.ofSeconds(11));
        assertThat(lease.acquire("base", "job-2")).isTrue();
        assertThat(lease.renew("base", "job-1")).isFalse();
    }
}
