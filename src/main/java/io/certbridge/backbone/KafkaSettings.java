package io.certbridge.backbone;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.kafka.*: where the backbone is, what its topics are called, and how the flows that consume it poll
 * (routes/certificate-issuance, routes/intake-recording and routes/fan-out, through connectors/backbone-batch-source).
 *
 * @param bootstrapServers        empty: a single-node Kafka starts in-process under the data directory
 * @param partitions              partitions of the topics the hub creates
 * @param issuanceMaxPollRecords  certificate requests issued in one transaction
 * @param issuancePollTimeoutMs   how long a part-filled batch of requests waits for more before it is issued
 * @param intakeMaxPollRecords    intake events recorded in one transaction
 * @param intakePollTimeoutMs     how long a part-filled batch of intake events waits for more before it is recorded
 * @param fanOutMaxPollRecords    certificate events fanned out in one transaction
 * @param fanOutPollTimeoutMs     how long a part-filled batch of certificate events waits for more before it is
 *                                fanned out
 */
@Validated
@ConfigurationProperties("certbridge.kafka")
public record KafkaSettings(String bootstrapServers, @NotNull @Valid Topics topics, @Positive int partitions,
                            @Positive int issuanceMaxPollRecords, @Positive long issuancePollTimeoutMs,
                            @Positive int intakeMaxPollRecords, @Positive long intakePollTimeoutMs,
                            @Positive int fanOutMaxPollRecords, @Positive long fanOutPollTimeoutMs) {

    public record Topics(@NotBlank String certificateRequests, @NotBlank String certificateEvents,
                         @NotBlank String intakeEvents) {
    }
}
