package org.rehabit.session.patient;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.identity.CurrentCaller;

import java.util.Optional;

/**
 * Before any operation a patient asks for: refused (403, saying why) once a discharge has ended their access. One
 * primary-key read per request of a patient; staff requests are not touched.
 */
public class PatientAccessFilter {

    private final CurrentCaller caller;
    private final PatientLifecycleService lifecycle;

    public PatientAccessFilter(CurrentCaller caller, PatientLifecycleService lifecycle) {
        this.caller = caller;
        this.lifecycle = lifecycle;
    }

    @ServerRequestFilter
    public void onRequest(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
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
