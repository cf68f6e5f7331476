package org.rehabit.session.staff;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.identity.Role;
import org.rehabit.support.NotFound;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The known staff of each clinic: every physio and clinic-admin is recorded the first time this service sees their
 * token. What this process has already recorded (subject, clinic, name and role as the token said) is remembered,
 * so later requests cost nothing; a new name or role in a later token is written once too.
 */
@ApplicationScoped
public class StaffService {

    /** Remembered entries; past this many the set starts over (a bound, not a figure: a write is cheap). */
    private static final int REMEMBERED = 100_000;

    private final StaffRepository staff;
    private final Clock clock;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    public StaffService(StaffRepository staff, Clock clock) {
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * Records the caller if they are staff and this process has not recorded them as they are now. Runs in a
     * transaction of its own (committed whatever the request then does), and only where blocking is allowed; a
     * call from an event-loop thread leaves it to the caller's next request.
     */
    public void seen(Caller caller, String displayName) {
        if (!caller.isStaff() || caller.subject() == null || caller.subject().length() > 255) {
            return; // no subject the staff table can hold (a token without sub): nothing to record
        }
        String role = caller.roles().contains(Role.CLINIC_ADMIN) ? Role.CLINIC_ADMIN : Role.PHYSIO;
        String name = displayName == null || displayName.isBlank() ? caller.subject() : displayName.strip();
        name = name.length() > 255 ? name.substring(0, 255) : name;
        String key = caller.clinicId() + "\n" + caller.subject() + "\n" + role + "\n" + name;
        if (recorded.contains(key) || !BlockingOperationControl.isBlockingAllowed()) {
            return;
        }
        String shown = name;
        QuarkusTransaction.requiringNew().run(() -> staff.upsert(caller.clinicId(), caller.subject(), shown, role,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
        if (recorded.size() >= REMEMBERED) {
            recorded.clear();
        }
        recorded.add(key);
    }

    /** The staff of {@code clinicId} by name: the caller's own clinic only, any other is not found. */
    @Transactional
    public List<StaffView> list(Caller caller, UUID clinicId) {
        if (!caller.clinicId().equals(clinicId)) {
            throw new NotFound("No clinic " + clinicId + ".");
        }
        return staff.list(clinicId);
    }

    /** Whether {@code subject} is a known physio or clinic-admin of the caller's clinic. */
    public boolean isStaffOf(UUID clinicId, String subject) {
        return subject != null && staff.isStaff(clinicId, subject);
    }
}
