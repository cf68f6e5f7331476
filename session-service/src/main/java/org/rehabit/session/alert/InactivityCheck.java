package org.rehabit.session.alert;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the inactivity rule on a schedule (every instance may; raising is idempotent). */
@ApplicationScoped
public class InactivityCheck {

    private final AlertService alerts;

    public InactivityCheck(AlertService alerts) {
        this.alerts = alerts;
    }

    @Scheduled(every = "${rehabit.alerts.inactivity-check-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        alerts.raiseInactivity();
    }
}
