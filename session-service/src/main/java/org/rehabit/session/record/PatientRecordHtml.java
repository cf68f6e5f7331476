package org.rehabit.session.record;

import org.rehabit.session.alert.AlertView;
import org.rehabit.session.energy.WeightEntryView;
import org.rehabit.session.log.SessionLogView;
import org.rehabit.session.outcome.OutcomeResponseView;
import org.rehabit.session.outcome.ScoreTrendView;
import org.rehabit.session.patient.PatientView;
import org.rehabit.session.program.Dose;
import org.rehabit.session.program.ProgramHistoryView;
import org.rehabit.session.program.ProgramView;
import org.rehabit.session.progress.ProgressView;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The printable summary of an exported record: one self-contained HTML page (inline print styles, no scripts, no
 * links or images to fetch), every value written as escaped text.
 */
final class PatientRecordHtml {

    /** Sent with the page: nothing but its own inline styles may run or load, even if a value slipped through. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final StringBuilder html = new StringBuilder(16_384);

    private PatientRecordHtml() {
    }

    static String render(PatientRecordView record) {
        return new PatientRecordHtml().page(record);
    }

    /** Text as HTML: the five characters that could open markup or end an attribute are escaped. */
    static String escape(Object value) {
        String text = value == null ? "" : value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private String page(PatientRecordView r) {
        PatientView p = r.patient();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(escape("Record of " + p.displayName())).append("</title>")
                .append("<style>body{font:11pt/1.4 sans-serif;margin:2em;color:#111}h1{font-size:16pt}")
                .append("h2{font-size:13pt;margin-top:1.5em;border-bottom:1px solid #999}")
                .append("table{border-collapse:collapse;width:100%;margin:.5em 0}")
                .append("th,td{border:1px solid #bbb;padding:2px 5px;text-align:left;vertical-align:top}")
                .append(".voided{color:#777;text-decoration:line-through}")
                .append("@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}")
                .append("</style></head><body>\n");
        html.append("<h1>").append(escape(p.displayName())).append("</h1>\n");
        fields(new String[][] {
                {"Reference", text(p.externalRef())},
                {"Date of birth", text(p.dateOfBirth())},
                {"Time zone", text(p.timezone())},
                {"Assigned physio", text(p.physioId() != null ? p.physioId() : p.legacyPhysio())},
                {"Status", text(p.status())},
                {"Discharged", p.discharge() == null ? "" : p.discharge().dischargedOn() + " by "
                        + p.discharge().dischargedBy() + ": " + p.discharge().reason() + " (access until "
                        + p.discharge().accessEndsOn() + ")"},
                {"Exported", r.exportedAt() + " by " + r.exportedBy()}});
        figures(r.figures());
        html.append("<h2>Programs</h2>\n");
        if (r.programs().isEmpty()) {
            html.append("<p>None.</p>\n");
        }
        for (PatientRecordView.ProgramRecord pr : r.programs()) {
            program(pr.program(), pr.history());
        }
        sessions(r.sessions());
        weights(r.weights().entries());
        alerts(r.alerts());
        outcomeMeasures(r.outcomeMeasures());
        html.append("</body></html>\n");
        return html.toString();
    }

    private void figures(ProgressView f) {
        html.append("<h2>Figures, weeks ").append(escape(f.from())).append(" to ").append(escape(f.to()))
                .append("</h2>\n");
        fields(new String[][] {
                {"Adherence", percent(f.adherence())},
                {"Adherence, complete weeks", percent(f.adherenceCompleteWeeks())},
                {"Pain trend (points per week)", text(f.painTrend())},
                {"Streak (weeks)", text(f.streakWeeks())},
                {"Sessions done", text(f.sessionsDone())},
                {"Last session", text(f.lastSessionAt())}});
        List<String[]> rows = new ArrayList<>();
        for (ProgressView.Week w : f.byWeek()) {
            rows.add(new String[] {text(w.weekStart()), text(w.prescribed()), text(w.done()), percent(w.adherence()),
                    text(w.painBefore()), text(w.painAfter())});
        }
        table(new String[] {"Week of", "Prescribed", "Done", "Adherence", "Pain before", "Pain after"}, rows, null);
    }

    private void program(ProgramView p, ProgramHistoryView history) {
        html.append("<h3>").append(escape(p.status() + " program, from " + p.startDate()
                + (p.endDate() == null ? "" : " to " + p.endDate()) + ", " + p.sessionsPerWeek()
                + " sessions per week")).append("</h3>\n");
        if (p.notes() != null) {
            html.append("<p>").append(escape(p.notes())).append("</p>\n");
        }
        List<String[]> items = new ArrayList<>();
        for (ProgramView.Item item : p.items()) {
            items.add(new String[] {text(item.position() + 1), item.exerciseName() + " (" + item.exerciseSlug()
                    + " v" + item.exerciseVersion() + ")", dose(item.dose()), text(item.notes())});
        }
        table(new String[] {"#", "Exercise", "Dose", "Notes"}, items, null);
        List<String[]> changes = new ArrayList<>();
        for (ProgramHistoryView.Entry e : history.entries()) {
            changes.add(new String[] {text(e.at()), text(e.by()), text(e.kind()), String.join("; ", e.changes())});
        }
        table(new String[] {"When", "Who", "What", "Changes"}, changes, null);
    }

    private void sessions(List<SessionLogView> sessions) {
        html.append("<h2>Sessions</h2>\n");
        List<String[]> rows = new ArrayList<>();
        List<Boolean> struck = new ArrayList<>();
        for (SessionLogView s : sessions) {
            long done = s.items().stream().filter(i -> i.status().name().equals("DONE")).count();
            String state = s.voided() != null ? "Voided " + s.voided().at() + " by " + s.voided().by() + ": "
                    + s.voided().reason()
                    : s.supersededBy() != null ? "Corrected by a later log" : "";
            rows.add(new String[] {text(s.performedAt()), text(s.painBefore()), text(s.painAfter()),
                    done + " of " + s.items().size() + " items done", text(s.notes()), state});
            struck.add(s.voided() != null || s.supersededBy() != null);
        }
        table(new String[] {"When", "Pain before", "Pain after", "Items", "Notes", "Status"}, rows, struck);
    }

    private void weights(List<WeightEntryView> entries) {
        html.append("<h2>Weights</h2>\n");
        List<String[]> rows = new ArrayList<>();
        for (WeightEntryView w : entries) {
            rows.add(new String[] {text(w.measuredOn()), w.weight().kg() != null ? w.weight().kg() + " kg"
                    : w.weight().lb() + " lb", text(w.recordedBy())});
        }
        table(new String[] {"Day", "Weight", "Recorded by"}, rows, null);
    }

    private void alerts(List<AlertView> alerts) {
        html.append("<h2>Alerts</h2>\n");
        List<String[]> rows = new ArrayList<>();
        for (AlertView a : alerts) {
            rows.add(new String[] {text(a.lastRaisedAt()), text(a.rule()), text(a.detail()), text(a.status()),
                    a.acknowledgedBy() == null ? "" : a.acknowledgedBy() + (a.acknowledgedNote() == null ? ""
                            : ": " + a.acknowledgedNote())});
        }
        table(new String[] {"Last raised", "Rule", "Detail", "Status", "Acknowledged"}, rows, null);
    }

    private void outcomeMeasures(List<ScoreTrendView> measures) {
        html.append("<h2>Outcome measures</h2>\n");
        if (measures.isEmpty()) {
            html.append("<p>None.</p>\n");
        }
        for (ScoreTrendView m : measures) {
            html.append("<h3>").append(escape(m.name() + " (" + m.instrument() + " v" + m.version() + "), "
                    + m.min() + " to " + m.max() + (m.mcid() == null ? "" : ", clinically important change "
                    + m.mcid()))).append("</h3>\n");
            List<String[]> rows = new ArrayList<>();
            for (OutcomeResponseView r : m.responses()) {
                rows.add(new String[] {text(r.answeredAt()), text(r.answeredBy()),
                        r.score() != null ? text(r.score()) : "No score: " + r.unscoredReason(),
                        r.answered() + " answered, " + r.missing() + " missing",
                        r.baseline() ? "baseline" : r.changeFromBaseline() == null ? ""
                                : r.changeFromBaseline() + " (" + r.fromBaseline() + ")"});
            }
            table(new String[] {"Answered", "By", "Score", "Items", "Change from baseline"}, rows, null);
        }
    }

    private void fields(String[][] fields) {
        html.append("<table>\n");
        for (String[] f : fields) {
            html.append("<tr><th scope=\"row\">").append(escape(f[0])).append("</th><td>").append(escape(f[1]))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void table(String[] headings, List<String[]> rows, List<Boolean> struck) {
        if (rows.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table><thead><tr>");
        for (String h : headings) {
            html.append("<th scope=\"col\">").append(escape(h)).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (int i = 0; i < rows.size(); i++) {
            html.append(struck != null && struck.get(i) ? "<tr class=\"voided\">" : "<tr>");
            for (String cell : rows.get(i)) {
                html.append("<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String dose(Dose d) {
        if (d == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add(d.sets() + (d.reps() != null ? " x " + d.reps() : " sets"));
        if (d.holdSeconds() != null) {
            parts.add("hold " + d.holdSeconds() + " s");
        }
        if (d.durationSeconds() != null) {
            parts.add(d.durationSeconds() + " s");
        }
        if (d.restSeconds() != null) {
            parts.add("rest " + d.restSeconds() + " s");
        }
        parts.add(d.side().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        if (d.timesPerDay() != null) {
            parts.add(d.timesPerDay() + " times a day");
        }
        if (d.daysPerWeek() != null) {
            parts.add(d.daysPerWeek() + " days a week");
        }
        return String.join(", ", parts);
    }

    private static String percent(Double share) {
        return share == null ? "" : Math.round(share * 100) + " %";
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
