package io.certbridge.console;

import java.util.List;

/**
 * The console's pages, in the order the navigation lists them; a page is shown to the roles that may open it. A new
 * page adds its entry here.
 */
final class ConsoleNavigation {

    record Entry(String label, String href, ConsoleRole role) {

        /** Whether the page at {@code path} is this entry's (its own address, or one below it). */
        public boolean current(String path) {
            return path.equals(href) || !href.equals(DASHBOARD) && path.startsWith(href + "/");
        }
    }

    static final String DASHBOARD = "/console";

    static final List<Entry> ENTRIES = List.of(
            new Entry("Dashboard", DASHBOARD, ConsoleRole.VIEWER),
            new Entry("Certificates", "/console/certificates", ConsoleRole.VIEWER),
            new Entry("Dead letters", "/console/dead-letters", ConsoleRole.VIEWER),
            new Entry("Webhooks", "/console/webhooks", ConsoleRole.VIEWER),
            new Entry("Audit log", "/console/audit", ConsoleRole.VIEWER),
            new Entry("API keys", "/console/keys", ConsoleRole.ADMIN),
            new Entry("Users", "/console/users", ConsoleRole.ADMIN));

    private ConsoleNavigation() {
    }

    static List<Entry> visibleTo(ConsolePrincipal user) {
        return ENTRIES.stream().filter(entry -> user.may(entry.role())).toList();
    }
}
