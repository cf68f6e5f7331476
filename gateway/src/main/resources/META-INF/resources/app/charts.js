// Charts drawn with Chart.js (delivered as a WebJar). Every chart is a canvas with role="img" and a text
// label saying what it shows, so screen-reader users get the numbers too.
import {h} from './dom.js';

const Chart = window.Chart;
const COLORS = {before: '#b45309', after: '#1d4ed8', adherence: '#047857', weight: '#6d28d9', goal: '#64748b'};

Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font') || 'system-ui';
Chart.defaults.color = '#1f2937';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

function canvas(label, className = 'chart') {
    const el = h('canvas', {role: 'img', 'aria-label': label});
    return {el, box: h('div', {class: className}, el)};
}

/** A tiny line of weekly pain-after values for the dashboard (null weeks leave a gap). */
export function sparkline(values) {
    const known = values.filter((v) => v !== null && v !== undefined);
    const label = known.length
        ? `Pain after sessions, last ${values.length} weeks: ${values.map((v) => (v === null ? 'no session' : v)).join(', ')}`
        : 'No pain ratings yet';
    const {el, box} = canvas(label, 'sparkline');
    if (!known.length) return box;
    new Chart(el, {
        type: 'line',
        data: {labels: values.map((_, i) => i), datasets: [{data: values, borderColor: COLORS.after, borderWidth: 2,
            pointRadius: 2, spanGaps: false, tension: 0.2}]},
        options: {responsive: true, events: [], plugins: {legend: {display: false}, tooltip: {enabled: false}},
            scales: {x: {display: false}, y: {display: false, min: 0, max: 10}}},
    });
    return box;
}

/** Pain before and after, one point per session. */
export function painChart(sessions) {
    const ordered = [...sessions].sort((a, b) => a.performedAt.localeCompare(b.performedAt));
    const label = `Pain before and after each of the last ${ordered.length} sessions, 0 to 10`;
    const {el, box} = canvas(label);
    new Chart(el, {
        type: 'line',
        data: {
            labels: ordered.map((s) => s.localDate),
            datasets: [
                {label: 'Pain before', data: ordered.map((s) => s.painBefore), borderColor: COLORS.before,
                    backgroundColor: COLORS.before, tension: 0.2},
                {label: 'Pain after', data: ordered.map((s) => s.painAfter), borderColor: COLORS.after,
                    backgroundColor: COLORS.after, tension: 0.2},
            ],
        },
        options: {responsive: true, scales: {y: {min: 0, max: 10, title: {display: true, text: 'Pain (0–10)'}}}},
    });
    return box;
}

/** Adherence per week as bars (weeks with nothing prescribed stay empty). */
export function adherenceChart(byWeek) {
    const label = `Weekly adherence over ${byWeek.length} weeks: ` + byWeek
        .map((w) => `${w.weekStart} ${w.adherence === null ? 'nothing prescribed' : Math.round(w.adherence * 100) + '%'}`)
        .join('; ');
    const {el, box} = canvas(label);
    new Chart(el, {
        type: 'bar',
        data: {
            labels: byWeek.map((w) => w.weekStart.slice(5)),
            datasets: [{label: 'Adherence (%)', data: byWeek.map((w) => (w.adherence === null ? null : Math.round(w.adherence * 100))),
                backgroundColor: COLORS.adherence}],
        },
        options: {responsive: true, scales: {y: {min: 0, max: 100, title: {display: true, text: '% of prescribed sessions'}}}},
    });
    return box;
}

/** Weight entries with the goal's line from the first entry at the goal's weekly rate. */
export function weightChart(entries, kgPerWeekGoal) {
    const ordered = [...entries].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn));
    const label = `Weight over time: ${ordered.map((e) => `${e.measuredOn} ${e.kg} kg`).join('; ')}`;
    const {el, box} = canvas(label);
    const first = ordered[0];
    const goal = kgPerWeekGoal === null || kgPerWeekGoal === undefined || !first ? null : ordered.map((e) => {
        const weeks = (new Date(e.measuredOn) - new Date(first.measuredOn)) / (7 * 86_400_000);
        return Math.round((Number(first.kg) + kgPerWeekGoal * weeks) * 10) / 10;
    });
    const datasets = [{label: 'Weight (kg)', data: ordered.map((e) => Number(e.kg)), borderColor: COLORS.weight,
        backgroundColor: COLORS.weight, tension: 0.2}];
    if (goal) datasets.push({label: 'Goal path', data: goal, borderColor: COLORS.goal, borderDash: [6, 4], pointRadius: 0});
    new Chart(el, {type: 'line', data: {labels: ordered.map((e) => e.measuredOn), datasets}, options: {responsive: true}});
    return box;
}

/** An outcome measure's scores over time on its own scale (unscored responses leave a gap). */
export function outcomeChart(trend) {
    const label = `${trend.abbreviation || trend.name} scores over time: ` + trend.responses
        .map((r) => `${r.answeredAt.slice(0, 10)} ${r.score === null ? 'no score' : r.score}`).join('; ');
    const {el, box} = canvas(label, 'chart outcome');
    new Chart(el, {
        type: 'line',
        data: {labels: trend.responses.map((r) => r.answeredAt.slice(0, 10)),
            datasets: [{label: `${trend.abbreviation || trend.name} score`, data: trend.responses.map((r) => r.score),
                borderColor: COLORS.after, backgroundColor: COLORS.after, tension: 0.2, spanGaps: false}]},
        options: {responsive: true, plugins: {legend: {display: false}},
            scales: {y: {min: trend.min, max: trend.max, reverse: false,
                title: {display: true, text: trend.direction === 'LOWER_IS_WORSE' ? 'Score (lower is worse)' : 'Score (higher is worse)'}}}},
    });
    return box;
}
