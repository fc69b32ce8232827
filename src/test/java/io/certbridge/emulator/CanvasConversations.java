package io.certbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Canvas Inbox conversations as {@code ConversationsController#create} makes them: without
 * {@code group_conversation}, several recipients get one private conversation each; an existing
 * private conversation with the same recipient is reused unless {@code force_new} is set.
 */
final class CanvasConversations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Message(long id, String body, String createdAt) {
    }

    private record Conversation(long id, String subject, List<String> recipients, boolean isPrivate,
                                List<Message> messages) {
    }

    private final List<Conversation> conversations = new ArrayList<>();
    private final LongSupplier ids;

    CanvasConversations(LongSupplier ids) {
        this.ids = ids;
    }

    /** Sends the message; answers the conversations touched, each with just the new message. */
    ArrayNode send(List<String> recipients, String subject, String body, boolean group, boolean forceNew) {
        List<List<String>> audiences = group || recipients.size() == 1
                ? List.of(recipients) : recipients.stream().map(List::of).toList();
        ArrayNode answer = NODES.arrayNode();
        for (List<String> audience : audiences) {
            Conversation conversation = group || forceNew ? null : existingPrivate(audience);
            if (conversation == null) {
                conversation = new Conversation(ids.getAsLong(), subject, audience, !group, new ArrayList<>());
                conversations.add(conversation);
            }
            Message message = new Message(ids.getAsLong(), body, CanvasJson.now());
            conversation.messages().add(message);
            answer.add(json(conversation, List.of(message)));
        }
        return answer;
    }

    /** Every conversation, oldest first, with all its messages newest first. */
    List<JsonNode> all() {
        return conversations.stream().map(c -> (JsonNode) json(c, c.messages().reversed())).toList();
    }

    void clear() {
        conversations.clear();
    }

    private Conversation existingPrivate(List<String> audience) {
        return conversations.stream().filter(c -> c.isPrivate() && c.recipients().equals(audience))
                .findFirst().orElse(null);
    }

    private static ObjectNode json(Conversation c, List<Message> messages) {
        Message last = c.messages().get(c.messages().size() - 1);
        ObjectNode json = NODES.objectNode();
        json.put("id", c.id());
        json.put("subject", c.subject());
        json.put("workflow_state", "read");
        json.put("last_message", last.body());
        json.put("last_message_at", last.createdAt());
        json.put("last_authored_message", last.body());
        json.put("last_authored_message_at", last.createdAt());
        json.put("message_count", c.messages().size());
        json.put("subscribed", true);
        json.put("private", c.isPrivate());
        json.put("starred", false);
        json.putArray("properties").add("last_author");
        ArrayNode audience = json.putArray("audience");
        c.recipients().forEach(r -> audience.add(CanvasJson.id(r)));
        ArrayNode participants = json.putArray("participants");
        participants.addObject().put("id", CanvasEmulator.API_USER_ID)
                .put("name", CanvasEmulator.API_USER_NAME).put("full_name", CanvasEmulator.API_USER_NAME);
        c.recipients().forEach(r -> participants.addObject().<ObjectNode>set("id", CanvasJson.id(r))
                .put("name", "User " + r).put("full_name", "User " + r));
        ArrayNode list = json.putArray("messages");
        for (Message m : messages) {
            list.addObject()
                    .put("id", m.id())
                    .put("created_at", m.createdAt())
                    .put("body", m.body())
                    .put("author_id", CanvasEmulator.API_USER_ID)
                    .put("generated", false)
                    .putNull("media_comment")
                    .<ObjectNode>set("forwarded_messages", NODES.arrayNode())
                    .set("attachments", NODES.arrayNode());
        }
        return json;
    }
}
