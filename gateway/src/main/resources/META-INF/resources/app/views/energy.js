// The calorie target (the source article's goal): sex, age, height and weight in the units the person uses,
// activity and goal; shows the target with each step to it and says when it was raised to the safe floor.
import {api} from '../api.js';
import {errorMessage, field, h, mount, select, status} from '../dom.js';

const ACTIVITY = [['SEDENTARY', 'Sedentary — little or no exercise (× 1.2)'], ['LIGHT', 'Light — 1–3 days a week (× 1.375)'],
    ['MODERATE', 'Moderate — 3–5 days a week (× 1.55)'], ['ACTIVE', 'Active — 6–7 days a week (× 1.725)'],
    ['VERY_ACTIVE', 'Very active — hard daily exercise or physical work (× 1.9)']];
const GOALS = [['LOSE_2', 'Lose 2 lb a week'], ['LOSE_1_5', 'Lose 1.5 lb a week'], ['LOSE_1', 'Lose 1 lb a week'],
    ['LOSE_0_5', 'Lose 0.5 lb a week'], ['MAINTAIN', 'Keep my weight'], ['GAIN_0_5', 'Gain 0.5 lb a week'],
    ['GAIN_1', 'Gain 1 lb a week'], ['GAIN_1_5', 'Gain 1.5 lb a week'], ['GAIN_2', 'Gain 2 lb a week']];

function radios(name, choices, value, legend) {
    return h('fieldset', {class: 'radios'}, h('legend', {}, legend), choices.map(([v, text]) => {
        const id = `${name}-${v}`;
        return [h('input', {type: 'radio', name, id, value: v, checked: v === value}), h('label', {for: id}, text)];
    }));
}

const num = (input) => (input.value === '' ? undefined : Number(input.value));
const numberInput = (name, attrs) => h('input', {type: 'number', name, inputmode: 'decimal', ...attrs});

export function targetCard(target) {
    return h('section', {class: 'card target', 'aria-labelledby': 'target-title'},
        h('h2', {id: 'target-title'}, `Daily target: ${target.targetKcal.toLocaleString()} kcal`),
        target.raisedToFloor ? status(`This is the lowest daily target we give (${target.floorKcal.toLocaleString()} kcal). `
            + 'The goal as chosen would go below it, which is not safe without medical supervision: a slower goal may suit better.', 'warning') : null,
        h('dl', {class: 'figures'},
            h('div', {}, h('dt', {}, 'Resting energy'), h('dd', {}, `${target.restingKcal.toLocaleString()} kcal`)),
            h('div', {}, h('dt', {}, 'With activity'), h('dd', {}, `${target.maintenanceKcal.toLocaleString()} kcal (× ${target.activityFactor})`)),
            h('div', {}, h('dt', {}, 'Goal'), h('dd', {}, `${target.goalAdjustmentKcal > 0 ? '+' : ''}${target.goalAdjustmentKcal.toLocaleString()} kcal`)),
            h('div', {}, h('dt', {}, 'Used'), h('dd', {}, `${target.age} years, ${target.heightCm} cm, ${target.weightKg} kg`))),
        h('p', {class: 'muted'}, 'Resting energy by the Mifflin-St Jeor equation; 3,500 kcal per pound of body weight.'));
}

export async function energyView({session, params, main}) {
    const patientId = params[0] || session.patientId;
    const base = `/api/v1/patients/${patientId}`;
    // the weight history says whether a profile exists (its goal), so a patient without one causes no 404s
    const [patient, weights] = await Promise.all([api.get(base), api.get(`${base}/weights`)]);
    const [profile, target] = weights.trend.goal
        ? await Promise.all([api.getWithEtag(`${base}/energy-profile`), api.get(`${base}/energy-target`)]) : [null, null];
    const p = profile?.data || {};
    const metricHeight = !p.height || p.height.cm !== undefined;
    const metricWeight = !p.weight || p.weight.kg !== undefined;
    const f = {
        age: numberInput('age', {min: 13, max: 120, step: 1, value: p.age ?? ''}),
        dateOfBirth: h('input', {type: 'date', name: 'dateOfBirth', value: p.dateOfBirth || ''}),
        cm: numberInput('cm', {min: 50, max: 272, step: 0.1, value: p.height?.cm ?? ''}),
        feet: numberInput('feet', {min: 1, max: 8, step: 1, value: p.height?.feet ?? ''}),
        inches: numberInput('inches', {min: 0, max: 11.99, step: 0.1, value: p.height?.inches ?? ''}),
        kg: numberInput('kg', {min: 20, max: 400, step: 0.1, value: p.weight?.kg ?? ''}),
        lb: numberInput('lb', {min: 44, max: 880, step: 0.1, value: p.weight?.lb ?? ''}),
        activity: select('activityLevel', ACTIVITY, p.activityLevel || 'LIGHT'),
        goal: select('goal', GOALS, p.goal || 'MAINTAIN'),
    };
    const sex = radios('sex', [['FEMALE', 'Female'], ['MALE', 'Male']], p.sex, 'Sex (for the resting-energy equation)');
    const heightUnit = radios('heightUnit', [['cm', 'cm'], ['ft', 'ft + in']], metricHeight ? 'cm' : 'ft', 'Height in');
    const weightUnit = radios('weightUnit', [['kg', 'kg'], ['lb', 'lb']], metricWeight ? 'kg' : 'lb', 'Weight in');
    const metricHeightBox = h('div', {}, field('Height (cm)', f.cm));
    const imperialHeightBox = h('div', {class: 'row'}, field('Feet', f.feet), field('Inches', f.inches));
    const kgBox = h('div', {}, field('Weight (kg)', f.kg));
    const lbBox = h('div', {}, field('Weight (lb)', f.lb));
    const unit = (fieldset) => fieldset.querySelector('input:checked')?.value;
    function showUnits() {
        metricHeightBox.hidden = unit(heightUnit) !== 'cm';
        imperialHeightBox.hidden = unit(heightUnit) !== 'ft';
        kgBox.hidden = unit(weightUnit) !== 'kg';
        lbBox.hidden = unit(weightUnit) !== 'lb';
    }
    heightUnit.addEventListener('change', showUnits);
    weightUnit.addEventListener('change', showUnits);
    showUnits();
    const result = h('div', {}, target ? targetCard(target) : null);
    const feedback = h('div', {'aria-live': 'polite'});
    let etag = profile?.etag;

    async function save(event) {
        event.preventDefault();
        const body = {
            sex: unit(sex), activityLevel: f.activity.value, goal: f.goal.value,
            height: unit(heightUnit) === 'cm' ? {cm: num(f.cm)} : {feet: num(f.feet), inches: num(f.inches) ?? 0},
            weight: unit(weightUnit) === 'kg' ? {kg: num(f.kg)} : {lb: num(f.lb)},
        };
        if (f.dateOfBirth.value) body.dateOfBirth = f.dateOfBirth.value;
        else if (f.age.value) body.age = num(f.age);
        try {
            await api.put(`${base}/energy-profile`, body, {headers: etag ? {'If-Match': etag} : {}});
            const fresh = await api.getWithEtag(`${base}/energy-profile`);
            etag = fresh.etag;
            mount(result, targetCard(await api.get(`${base}/energy-target`)));
            feedback.replaceChildren(status('Saved.', 'ok'));
            result.querySelector('h2').setAttribute('tabindex', '-1');
            result.querySelector('h2').focus();
        } catch (e) {
            feedback.replaceChildren(errorMessage(e));
        }
    }

    return h('div', {class: 'energy'},
        session.role === 'patient' ? null : h('p', {class: 'crumbs'}, h('a', {href: '#/dashboard'}, 'Dashboard'), ' › ',
            h('a', {href: `#/patients/${patientId}`}, patient.displayName), ' › Energy'),
        h('h1', {}, session.role === 'patient' ? 'Your daily energy target' : `Energy target for ${patient.displayName}`),
        result,
        h('form', {class: 'card', onsubmit: save}, h('h2', {}, profile ? 'Update the profile' : 'Set up the profile'),
            sex, h('div', {class: 'row'}, field('Age (years)', f.age, 'Or give the date of birth instead.'), field('Date of birth', f.dateOfBirth)),
            heightUnit, metricHeightBox, imperialHeightBox, weightUnit, kgBox, lbBox,
            field('Activity', f.activity), field('Goal', f.goal, 'Between 0.5 and 2 lb a week, or keep the weight you have.'),
            h('button', {type: 'submit', class: 'primary'}, 'Save and show the target'), feedback));
}
