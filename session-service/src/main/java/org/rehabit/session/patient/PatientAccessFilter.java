package org.rehabit.session.patient;

import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.identity.CurrentCaller;

import java.util.Optional;

/**
 * Before any operation a patient asks for: refused (403, saying why) once a discharge has ended their access. One
 * primary-key read per request of a patient; staff requests are not touched, nor operations marked
 * {@link ChecksOwnAccess} (logging a session), which check the same rule in a statement they make anyway.
 */
public class PatientAccessFilter {

    private final CurrentCaller caller;
    private final PatientLifecycleService lifecycle;

    public PatientAccessFilter(CurrentCaller caller, PatientLifecycleService lifecycle) {
        this.caller = caller;
        this.lifecycle = lifecycle;
    }

    @ServerRequestFilter
    public void onRequest(ResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null || resource.getResourceMethod() == null
                || resource.getResourceMethod().isAnnotationPresent(ChecksOwnAccess.class)) {
            return;
        }
        callerIfAny().filter(Caller::isPatient).ifPresent(lifecycle::checkOwnAccess);
    }

    private Optional<Caller> callerIfAny() {
        try {
            return Optional.of(caller.get());
        } catch (RuntimeException unauthenticatedOrNoClinic) {
            return Optional.empty(); // the route's own security answers
        }
    }
}
