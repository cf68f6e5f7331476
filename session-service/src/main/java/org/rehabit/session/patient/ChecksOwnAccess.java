package org.rehabit.session.patient;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method whose operation applies {@link PatientAccess#check} itself, to the patient row it reads in its
 * own transaction anyway (before it reads or changes anything else): {@link PatientAccessFilter} leaves its requests
 * alone, sparing them a transaction and a read of their own. Only for hot paths; the filter stays the default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChecksOwnAccess {
}
