package io.certbridge.intake.salesforce;

import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.salesforce.SalesforceSubscriber;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /v1/salesforce/channels: each subscribed channel, the replay id a restart resumes from, and when the
 * stored position was last refused by Salesforce (so events between may have been replayed, or, past the
 * 72-hour retention, missed).
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/salesforce/channels")
@ConditionalOnProperty(prefix = "certbridge.salesforce", name = "login-url")
class SalesforceChannelController {

    record ChannelView(String channel, Long replayId, Instant updatedAt, Instant fallbackAt, String fallbackDetail) {
    }

    private final SalesforceSettings settings;
    private final ReplayPositions positions;
    private final List<SalesforceSubscriber> subscribers;

    SalesforceChannelController(SalesforceSettings settings, ReplayPositions positions,
                                List<SalesforceSubscriber> subscribers) {
        this.settings = settings;
        this.positions = positions;
        this.subscribers = subscribers;
    }

    @GetMapping
    @RequiresScope(Scope.RULES_MANAGE)
    Map<String, List<ChannelView>> list() {
        Map<String, ReplayPositions.Position> stored = positions.all().stream()
                .collect(Collectors.toMap(ReplayPositions.Position::channel, Function.identity()));
        return Map.of("data", SalesforceFlows.channels(settings, subscribers).stream().map(channel -> {
            ReplayPositions.Position position = stored.get(channel);
            return position == null ? new ChannelView(channel, null, null, null, null)
                    : new ChannelView(channel, position.replayId(), position.updatedAt(), position.fallbackAt(),
                            position.fallbackDetail());
        }).toList());
    }
}
