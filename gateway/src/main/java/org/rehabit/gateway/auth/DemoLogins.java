package org.rehabit.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;

/**
 * Whether demo logins are on: switched on ({@code rehabit.demo-auth.enabled}) and in one of the profiles they are
 * meant for (dev, test, local). In any other profile (prod, staging, one an operator names) they stay off even when
 * switched on: a demo login would let anyone in as any clinic's staff.
 */
@ApplicationScoped
public class DemoLogins {

    private static final Logger LOG = Logger.getLogger(DemoLogins.class);
    /** The profiles demo logins may run in. */
    static final Set<String> PROFILES = Set.of("dev", "test", "local");

    private final DemoAuthConfig config;
    private final List<String> profiles;

    public DemoLogins(DemoAuthConfig config) {
        this.config = config;
        this.profiles = ConfigUtils.getProfiles();
    }

    /** Whether {@code POST /auth/token} issues tokens here. */
    public boolean available() {
        return config.enabled() && allowedProfile();
    }

    /** Why a login is refused (it is), in words for the caller. */
    String refusal() {
        if (!config.enabled()) {
            return "Demo logins are not enabled on this installation.";
        }
        // (which profile this installation runs is the operator's to know: the warning at start names it)
        return "Demo logins are possible only in the dev, test and local profiles, not on this installation.";
    }

    private boolean allowedProfile() {
        return profiles.stream().anyMatch(PROFILES::contains);
    }

    void warnWhenSwitchedOnInVain(@Observes StartupEvent event) {
        if (config.enabled() && !allowedProfile()) {
            LOG.warnf("rehabit.demo-auth.enabled=true is ignored in the %s profile: demo logins are possible only in "
                    + "the dev, test and local profiles. Tokens come from the clinic's OpenID Connect provider.",
                    String.join(",", profiles));
        }
    }
}
