package org.rehabit.session.alert;

import jakarta.validation.constraints.Size;

/**
 * What a physio may say when acknowledging an alert; the body is optional.
 *
 * @param note why the alert is closed or what was done, up to 500 characters
 */
public record AcknowledgeRequest(@Size(max = 500) String note) {
}
