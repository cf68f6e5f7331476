package org.rehabit.session.progress;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.rehabit.session.program.ProgramStatus;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One row of the clinic dashboard: how a patient is doing over the window.
 *
 * @param weeklyPainAfter average pain after sessions per week, oldest first (null for weeks without sessions):
 *                        the sparkline
 * @param adherenceCompleteWeeks adherence over the window's complete weeks (all but the current one)
 * @param atRisk          an open alert, adherenceCompleteWeeks below the clinic's threshold (default 50 %), or
 *                        a pain trend at or above the clinic's threshold (default 0.5 points a week)
 * @param programExercises the open program's exercises as pinned, {@code slug@version}, in order
 */
@JsonSerialize(using = ClinicSummaryView.Json.class)
public record ClinicSummaryView(UUID patientId, String displayName, String externalRef, ProgramStatus programStatus,
                                Double adherence, Double adherenceCompleteWeeks, Double painTrend, List<Double> weeklyPainAfter,
                                OffsetDateTime lastSessionAt, int openAlerts, boolean atRisk,
                                List<String> programExercises) {

    /**
     * The JSON of a row written field by field, as Jackson's bean serializer writes the record (same names, order
     * and values; the time through the mapper's own serializer): a page of 50 rows without a reflective call per
     * field.
     */
    static final class Json extends StdSerializer<ClinicSummaryView> {

        Json() {
            super(ClinicSummaryView.class);
        }

        @Override
        public void serialize(ClinicSummaryView v, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeStringField("patientId", v.patientId() == null ? null : v.patientId().toString());
            g.writeStringField("displayName", v.displayName());
            g.writeStringField("externalRef", v.externalRef());
            g.writeStringField("programStatus", v.programStatus() == null ? null : v.programStatus().name());
            number(g, "adherence", v.adherence());
            number(g, "adherenceCompleteWeeks", v.adherenceCompleteWeeks());
            number(g, "painTrend", v.painTrend());
            if (v.weeklyPainAfter() == null) {
                g.writeNullField("weeklyPainAfter");
            } else {
                g.writeArrayFieldStart("weeklyPainAfter");
                for (Double pain : v.weeklyPainAfter()) {
                    if (pain == null) {
                        g.writeNull();
                    } else {
                        number(g, pain);
                    }
                }
                g.writeEndArray();
            }
            if (v.lastSessionAt() == null) {
                g.writeNullField("lastSessionAt");
            } else {
                provider.defaultSerializeField("lastSessionAt", v.lastSessionAt(), g);
            }
            g.writeNumberField("openAlerts", v.openAlerts());
            g.writeBooleanField("atRisk", v.atRisk());
            if (v.programExercises() == null) {
                g.writeNullField("programExercises");
            } else {
                g.writeArrayFieldStart("programExercises");
                for (String exercise : v.programExercises()) {
                    g.writeString(exercise);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }

        /** Hundredths from -20.00 to 20.00 as Jackson writes them (Double.toString): the figures are rounded so. */
        private static final String[] HUNDREDTHS = new String[4001];

        static {
            for (int k = -2000; k <= 2000; k++) {
                HUNDREDTHS[k + 2000] = Double.toString(k / 100.0);
            }
        }

        private static void number(JsonGenerator g, String name, Double value) throws IOException {
            if (value == null) {
                g.writeNullField(name);
            } else {
                g.writeFieldName(name);
                number(g, value);
            }
        }

        /**
         * A figure as Jackson writes a double, from the table when it is exactly a hundredth in its range (no
         * shortest-decimal search per number), else as Jackson does.
         */
        static void number(JsonGenerator g, double value) throws IOException {
            long k = Math.round(value * 100);
            if (k >= -2000 && k <= 2000 && k / 100.0 == value && (value != 0 || 1 / value > 0)) {
                g.writeNumber(HUNDREDTHS[(int) k + 2000]);
            } else {
                g.writeNumber(value);
            }
        }
    }
}
