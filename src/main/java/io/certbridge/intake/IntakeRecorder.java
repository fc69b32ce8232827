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
public class IntakeRecorder {

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
        store.insertNew(outcomes(events, rules.all()));
    }

    /** Applies today's rules to an event recorded before, for example after a rule was added for it. */
    public IntakeEventStore.View replay(String id) {
        IntakeEvent event = store.event(id).orElseThrow();
        store.replace(outcomes(List.of(event), rules.all()).getFirst());
        return store.find(id).orElseThrow();
    }

    /**
     * What {@code events} lead to under {@code current} (the stored rules, or a rule being tried out), Moodle
     * learners looked up as recording looks them up; nothing is recorded.
     */
    List<Recorded> outcomes(List<IntakeEvent> events, List<Rule> current) {
        Map<String, Template> byId = templates.findAll(current.stream().map(r -> r.definition().templateId())
                .collect(Collectors.toSet()));
        List<Recorded> matched = events.stream().map(e -> new Recorded(e, matcher.match(e, current, byId))).toList();
        List<Recorded> needProfiles = matched.stream().filter(IntakeRecorder::needsMoodleProfile).toList();
        if (needProfiles.isEmpty()) {
            return matched;
        }
        MoodleLookup lookup = lookUp(needProfiles);
        return matched.stream().map(r -> needsMoodleProfile(r) ? withProfile(r, lookup, current, byId) : r).toList();
    }

    /** The learners Moodle knows, or why it could not be asked. */
    private record MoodleLookup(Map<String, Learner> learners, String failure) {
    }

    private MoodleLookup lookUp(List<Recorded> needProfiles) {
        try {
            return new MoodleLookup(moodleLearners.find(needProfiles.stream().map(r -> r.event().learner().id())
                    .distinct().toList()), null);
        } catch (Exception e) {
            log.warn("Moodle learner lookup failed: {}", e.getMessage());
            return new MoodleLookup(Map.of(),
                    "Moodle did not answer the learner lookup (" + e.getMessage() + "); replay the event");
        }
    }

    private Recorded withProfile(Recorded recorded, MoodleLookup lookup, List<Rule> current,
                                 Map<String, Template> byId) {
        RuleMatch match = recorded.match();
        IntakeEvent event = recorded.event();
        Learner learner = lookup.learners().get(event.learner().id());
        if (lookup.failure() != null) {
            return new Recorded(event, new RuleMatch("failed", lookup.failure(), match.ruleIds(), List.of()));
        }
        if (learner == null) {
            return new Recorded(event, new RuleMatch("failed", "Moodle knows no user " + event.learner().id(),
                    match.ruleIds(), List.of()));
        }
        IntakeEvent profiled = event.withLearner(learner);
        return new Recorded(profiled, matcher.match(profiled, current, byId));
    }

    /** A Moodle event names no learner's name or e-mail; they are looked up only when a rule issues. */
    private static boolean needsMoodleProfile(Recorded recorded) {
        IntakeEvent event = recorded.event();
        RuleMatch match = recorded.match();
        return event.source().equals(MoodleEvents.SOURCE) && !match.ruleIds().isEmpty() && event.complete()
                && event.learner().id() != null && Objects.isNull(event.learner().email());
    }
}
