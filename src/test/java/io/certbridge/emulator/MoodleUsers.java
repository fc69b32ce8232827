package io.certbridge.emulator;

import static io.certbridge.emulator.MoodleParams.invalidParameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moodle users and text profile fields, with {@code core_user_get_users_by_field} and
 * {@code core_user_update_users} as in {@code user/externallib.php}.
 */
final class MoodleUsers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> UPDATABLE_KEYS = Set.of("id", "username", "auth", "suspended", "password",
            "firstname", "lastname", "email", "maildisplay", "city", "country", "timezone", "description",
            "userpicture", "firstnamephonetic", "lastnamephonetic", "middlename", "alternatename", "interests",
            "url", "icq", "skype", "aim", "yahoo", "msn", "idnumber", "institution", "department", "phone1",
            "phone2", "address", "lang", "calendartype", "theme", "mailformat", "customfields", "preferences");

    private static final class User {
        final long id;
        String firstname;
        String lastname;
        String email;

        User(long id, String firstname, String lastname, String email) {
            this.id = id;
            this.firstname = firstname;
            this.lastname = lastname;
            this.email = email;
        }

        String username() {
            return email.toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Long, User> users = new TreeMap<>();
    private final Set<String> profileFields = new LinkedHashSet<>();
    private final Map<Long, Map<String, String>> profileData = new HashMap<>();
    private final Set<Long> siteAdmins = new HashSet<>();
    private boolean mayUpdateUsers = true;

    void add(long id, String firstname, String lastname, String email) {
        users.put(id, new User(id, firstname, lastname, email));
    }

    void makeSiteAdmin(long id) {
        siteAdmins.add(id);
    }

    void allowUserUpdates(boolean allowed) {
        mayUpdateUsers = allowed;
    }

    void addProfileField(String shortname) {
        profileFields.add(shortname);
    }

    String profileField(long userId, String shortname) {
        return profileData.getOrDefault(userId, Map.of()).get(shortname);
    }

    String email(long userId) {
        User user = users.get(userId);
        return user == null ? null : user.email;
    }

    void clear() {
        users.clear();
        profileFields.clear();
        profileData.clear();
        siteAdmins.clear();
        mayUpdateUsers = true;
    }

    // ---- core_user_get_users_by_field ----

    JsonNode getUsersByField(ObjectNode params, String baseUrl) {
        MoodleParams.expectOnly(params, Set.of("field", "values"));
        String field = MoodleParams.scalar(params.get("field"), true);
        if (!field.matches("[a-zA-Z]*")) {
            throw invalidParameter();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : MoodleParams.multiple(params.get("values"))) {
            values.add(MoodleParams.scalar(value, true));
        }
        if (!Set.of("id", "idnumber", "username", "email").contains(field)) {
            throw new MoodleParams.MoodleException("coding_exception", "codingerror",
                    "Coding error detected, it must be fixed by a programmer: invalid field parameter");
        }
        Set<String> wanted = new LinkedHashSet<>();
        values.forEach(value -> wanted.add(clean(field, value)));
        ArrayNode result = NODES.arrayNode();
        for (User user : users.values()) {
            String actual = switch (field) {
                case "id" -> Long.toString(user.id);
                case "username" -> user.username();
                case "email" -> user.email;
                default -> ""; // no idnumbers are kept, and an empty one is never returned
            };
            if (!actual.isEmpty() && wanted.contains(actual)) {
                result.add(json(user, baseUrl));
            }
        }
        return result;
    }

    /** {@code clean_param} with the field's PARAM type; a value it would change is invalid. */
    private static String clean(String field, String value) {
        boolean valid = switch (field) {
            case "id" -> value.strip().matches("[+-]?\\d{1,18}");
            case "username" -> value.matches("[-.@_a-z0-9]*");
            case "email" -> value.isEmpty() || value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
            default -> true;
        };
        if (!valid) {
            throw invalidParameter();
        }
        return field.equals("id") ? Long.toString(Long.parseLong(value.strip())) : value;
    }

    private ObjectNode json(User user, String baseUrl) {
        ObjectNode json = NODES.objectNode();
        json.put("id", user.id);
        json.put("username", user.username());
        json.put("firstname", user.firstname);
        json.put("lastname", user.lastname);
        json.put("fullname", user.firstname + " " + user.lastname);
        json.put("email", user.email);
        json.put("department", "");
        json.put("firstaccess", 0);
        json.put("lastaccess", 0);
        json.put("auth", "manual");
        json.put("suspended", false);
        json.put("confirmed", true);
        json.put("lang", "en");
        json.put("theme", "");
        json.put("timezone", "99");
        json.put("mailformat", 1);
        json.put("description", "");
        json.put("descriptionformat", 1);
        json.put("profileimageurlsmall", baseUrl + "/theme/image.php/boost/core/1/u/f2");
        json.put("profileimageurl", baseUrl + "/theme/image.php/boost/core/1/u/f1");
        Map<String, String> data = profileData.getOrDefault(user.id, Map.of());
        ArrayNode custom = NODES.arrayNode();
        for (String shortname : profileFields) {
            String value = data.get(shortname);
            if (value != null && !value.isEmpty()) {
                custom.addObject().put("type", "text").put("value", value).put("displayvalue", value)
                        .put("name", shortname).put("shortname", shortname);
            }
        }
        if (!custom.isEmpty()) {
            json.set("customfields", custom);
        }
        return json;
    }

    // ---- core_user_update_users ----

    /**
     * As Moodle 4.x does: each user is updated on its own, and one it does not update (unknown, or a site admin,
     * the token's user being none) is reported in {@code warnings}, all with HTTP 200. The parameters are checked
     * first, then the token user's capability moodle/user:update.
     */
    JsonNode updateUsers(ObjectNode params) {
        MoodleParams.expectOnly(params, Set.of("users"));
        List<ObjectNode> updates = new ArrayList<>();
        for (JsonNode item : MoodleParams.multiple(params.get("users"))) {
            updates.add(validUpdate(item));
        }
        if (!mayUpdateUsers) {
            throw new MoodleParams.MoodleException("required_capability_exception", "nopermissions",
                    "Sorry, but you do not currently have permissions to do that (Update user profile).");
        }
        ArrayNode warnings = NODES.arrayNode();
        for (ObjectNode update : updates) {
            long id = MoodleParams.integer(update.get("id"));
            if (!users.containsKey(id)) {
                warnings.add(warning(id, "invaliduserid", "Invalid user id"));
            } else if (siteAdmins.contains(id)) {
                warnings.add(warning(id, "usernotupdatedadmin", "Cannot update admin accounts"));
            } else {
                apply(update);
            }
        }
        ObjectNode result = NODES.objectNode();
        result.set("warnings", warnings);
        return result;
    }

    private static ObjectNode warning(long userId, String code, String message) {
        return NODES.objectNode().put("item", "user").put("itemid", userId).put("warningcode", code)
                .put("message", message);
    }

    private static ObjectNode validUpdate(JsonNode item) {
        ObjectNode user = MoodleParams.single(item, UPDATABLE_KEYS);
        MoodleParams.integer(user.get("id"));
        for (String key : MoodleParams.fieldNames(user)) {
            if (key.equals("customfields") || key.equals("preferences")) {
                for (JsonNode entry : MoodleParams.multiple(user.get(key))) {
                    ObjectNode pair = MoodleParams.single(entry, Set.of("type", "value"));
                    MoodleParams.alphanumext(pair.get("type"));
                    MoodleParams.scalar(pair.get("value"), true);
                }
            } else {
                MoodleParams.scalar(user.get(key), false);
            }
        }
        return user;
    }

    private void apply(ObjectNode update) {
        User user = users.get(MoodleParams.integer(update.get("id")));
        if (update.has("firstname")) {
            user.firstname = update.get("firstname").asText();
        }
        if (update.has("lastname")) {
            user.lastname = update.get("lastname").asText();
        }
        if (update.has("email")) {
            user.email = update.get("email").asText();
        }
        // profile_save_data: only defined profile fields are saved; others are ignored silently
        for (JsonNode field : update.path("customfields")) {
            String shortname = field.get("type").asText();
            if (profileFields.contains(shortname)) {
                profileData.computeIfAbsent(user.id, k -> new LinkedHashMap<>()).put(shortname, field.get("value").asText());
            }
        }
    }
}
