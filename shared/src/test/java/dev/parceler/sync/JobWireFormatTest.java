package dev.parceler.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.utils.mapper.JsonMapper;
import org.junit.jupiter.api.Test;

/**
 * Queued jobs outlive the code that enqueued them: a job stored by this version must be read by
 * the next. These goldens pin the request JSON and a whole stored job; if one fails, the change
 * strands queued jobs and needs a migration of the job table, not a new golden.
 */
class JobWireFormatTest {
    private final JsonMapper json = JobStorage.jsonMapper();

    @Test
    void requestsSerializeAsPinned() {
        assertThat(json.serialize(new SyncRequest("nethsecurity"))).isEqualTo("{\"repository\":\"nethsecurity\"}");
        assertThat(json.serialize(new MilestoneRequest("nethsecurity"))).isEqualTo("{\"repository\":\"nethsecurity\"}");
        assertThat(json.serialize(new ReleaseRequest("nethsecurity"))).isEqualTo("{\"repository\":\"nethsecurity\"}");
        assertThat(json.serialize(new FastLaneRequest("nethsecurity", "packages/x86_64/nethsecurity")))
                .isEqualTo("{\"repository\":\"nethsecurity\",\"path\":\"packages/x86_64/nethsecurity\"}");
    }

    @Test
    void handlersAndRequestsKeepTheirClassNames() {
        assertThat(SyncJob.class.getName()).isEqualTo("dev.parceler.sync.SyncJob");
        assertThat(SyncRequest.class.getName()).isEqualTo("dev.parceler.sync.SyncRequest");
        assertThat(MilestoneJob.class.getName()).isEqualTo("dev.parceler.sync.MilestoneJob");
        assertThat(MilestoneRequest.class.getName()).isEqualTo("dev.parceler.sync.MilestoneRequest");
        assertThat(ReleaseJob.class.getName()).isEqualTo("dev.parceler.sync.ReleaseJob");
        assertThat(ReleaseRequest.class.getName()).isEqualTo("dev.parceler.sync.ReleaseRequest");
        assertThat(FastLaneJob.class.getName()).isEqualTo("dev.parceler.sync.FastLaneJob");
        assertThat(FastLaneRequest.class.getName()).isEqualTo("dev.parceler.sync.FastLaneRequest");
    }

    @Test
    void aStoredFastLaneJobStillLoads() throws IOException {
        Job job = new JobMapper(json).deserializeJob(golden("/golden/fast-lane-job.json"));

        assertThat(job.getJobName()).isEqualTo("fast lane nethsecurity packages/x86_64/nethsecurity");
        assertThat(job.getJobDetails().getClassName()).isEqualTo(FastLaneJob.class.getName());
        assertThat(job.getJobDetails().getJobParameters()).singleElement().satisfies(parameter -> assertThat(parameter.getObject())
                .isEqualTo(new FastLaneRequest("nethsecurity", "packages/x86_64/nethsecurity")));
    }

    @Test
    void aStoredSyncJobStillLoads() throws IOException {
        Job job = new JobMapper(json).deserializeJob(golden("/golden/sync-job.json"));

        assertThat(job.getJobName()).isEqualTo("sync nethsecurity");
        assertThat(job.getJobDetails().getClassName()).isEqualTo(SyncJob.class.getName());
        assertThat(job.getJobDetails().getMethodName()).isEqualTo("run");
        assertThat(job.getJobDetails().getJobParameters()).singleElement()
                .satisfies(parameter -> assertThat(parameter.getObject()).isEqualTo(new SyncRequest("nethsecurity")));
    }

    @Test
    void aStoredMilestoneJobStillLoads() throws IOException {
        Job job = new JobMapper(json).deserializeJob(golden("/golden/milestone-job.json"));

        assertThat(job.getJobDetails().getClassName()).isEqualTo(MilestoneJob.class.getName());
        assertThat(job.getJobDetails().getJobParameters()).singleElement()
                .satisfies(parameter -> assertThat(parameter.getObject()).isEqualTo(new MilestoneRequest("nethsecurity")));
    }

    @Test
    void aStoredReleaseJobStillLoads() throws IOException {
        Job job = new JobMapper(json).deserializeJob(golden("/golden/release-job.json"));

        assertThat(job.getJobName()).isEqualTo("release nethsecurity");
        assertThat(job.getJobDetails().getClassName()).isEqualTo(ReleaseJob.class.getName());
        assertThat(job.getJobDetails().getJobParameters()).singleElement()
                .satisfies(parameter -> assertThat(parameter.getObject()).isEqualTo(new ReleaseRequest("nethsecurity")));
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = Objects.requireNonNull(JobWireFormatTest.class.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
