package io.certbridge.intake;

import io.certbridge.intake.IntakeEventStore.Recorded;
import io.certbridge.intake.IntakeEvent.Learner;
import io.certbridge.intake.moodle.MoodleEvents;
import io.certbridge.intake.moodle.MoodleLearners;
import io.certbridge.intake.rules.Rule;
import io.certbridge.intake.rules.RuleMatch;
import io.certbridge.intake.rules.RuleMatcher;
import io.certbridge.intake.rules.Rules;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works out what accepted events lead to, under the rules as they are now, and records it. Moodle
 * learners are looked up in Moodle first, when a rule will issue to them; if Moodle cannot answer,
 * their events are recorded as failed, to be replayed.
 */
@Component
class IntakeRecorder {

    private static final Logger log = LoggerFactory.getLogger(IntakeRecorder.class);

    private final Rules rules;
    private final Templates templates;
    private final RuleMatcher matcher;
    private final MoodleLearners moodleLearners;
    private final IntakeEventStore store;

    IntakeRecorder(Rules rules, Templates templates, RuleMatcher matcher, MoodleLearners moodleLearners,
                   IntakeEventStore store) {
        this.rules = rules;
        this.templates = templates;
        this.matcher = matcher;
        this.moodleLearners = moodleLearners;
        this.store = store;
    }

    void record(List<IntakeEvent> events) {
        store.insertNew(outcomes(events));
    }

    /** Applies today's rules to an event recorded before, for example after a rule was added for it. */
    IntakeEventStore.View replay(String id) {
        IntakeEvent event = store.event(id).orElseThrow();
        store.replace(outcomes(List.of(event)).getFirst());
        return store.find(id).orElseThrow();
    }

    private List<Recorded> outcomes(List<IntakeEvent> events) {
        List<Rule> current = rules.all();
        Map<String, Template> byId = templates.findAll(current.stream().map(r -> r.definition().templateId())
                .collect(Collectors.toSet()));
        Map<String, RuleMatch> matches = new HashMap<>();
        List<IntakeEvent> moodleMatched = new ArrayList<>();
        for (IntakeEvent event : events) {
            RuleMatch match = matcher.match(event, current, byId);
            matches.put(event.id(), match);
            if (needsMoodleProfile(event, match)) {
                moodleMatched.add(event);
            }
        }
        List<Recorded> recorded = new ArrayList<>(events.size());
        Map<String, Learner> learners = Map.of();
        String lookupFailure = null;
        if (!moodleMatched.isEmpty()) {
            try {
                learners = moodleLearners.find(moodleMatched.stream().map(e -> e.learner().id()).distinct().toList());
            } catch (Exception e) {
                log.warn("Moodle learner lookup failed: {}", e.getMessage());
                lookupFailure = "Moodle did not answer the learner lookup (" + e.getMessage() + "); replay the event";
            }
        }
        for (IntakeEvent event : events) {
            RuleMatch match = matches.get(event.id());
            if (moodleMatched.contains(event)) {
                Learner learner = learners.get(event.learner().id());
                if (lookupFailure != null) {
                    match = new RuleMatch("failed", lookupFailure, match.ruleIds(), List.of());
                } else if (learner == null) {
                    match = new RuleMatch("failed", "Moodle knows no user " + event.learner().id(), match.ruleIds(),
                            List.of());
                } else {
                    event = event.withLearner(learner);
                    match = matcher.match(event, current, byId);
                }
            }
            recorded.add(new Recorded(event, match));
        }
        return recorded;
    }

    /** A Moodle event names no learner's name or e-mail; they are looked up only when a rule issues. */
    private static boolean needsMoodleProfile(IntakeEvent event, RuleMatch match) {
        return event.source().equals(MoodleEvents.SOURCE) && !match.ruleIds().isEmpty() && event.complete()
                && event.learner().id() != null && Objects.isNull(event.learner().email());
    }
}
