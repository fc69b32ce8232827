package io.certbridge.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Turns certbridge.console.admin-email and admin-password into the first admin, like the bootstrap API key: only
 * while no admin exists, before the first request. The password is never logged.
 */
@Component
class FirstAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    static final int MIN_PASSWORD_LENGTH = 12;

    private final ConsoleUsers users;
    private final ConsoleSettings settings;

    FirstAdmin(ConsoleUsers users, ConsoleSettings settings) {
        this.users = users;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (settings.adminEmail().isEmpty() || settings.adminPassword().isEmpty()) {
            return;
        }
        if (settings.adminPassword().length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("certbridge.console.admin-password must be at least "
                    + MIN_PASSWORD_LENGTH + " characters long");
        }
        if (users.createFirstAdmin(settings.adminEmail(), settings.adminPassword())) {
            log.info("Created the first console admin from certbridge.console.admin-email");
        }
    }
}
