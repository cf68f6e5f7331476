// Exercise pictures drawn from data: a mannequin posed by the joint angles in an exercise's `figure` (see
// docs/catalog.md, "Figures"), seen from the side, the front, behind or above, with its props. Every exercise is drawn the same
// way, so a new exercise gets its picture from its content. Geometry is worked out in units with y pointing up and
// the floor at 0; it is flipped for SVG at the end.

const NS = 'http://www.w3.org/2000/svg';
const LEN = {trunk: 54, neck: 6, head: 11, upperArm: 29, forearm: 28, thigh: 44, shin: 42, foot: 12, shoulders: 17, hips: 8};
const WIDTH = {trunk: 24, upperArm: 10, forearm: 9, thigh: 15, shin: 11, foot: 7, hips: 14, shoulders: 12};
const GAP = 34;          // between the two poses
const LABEL = 20;        // room under the floor for a pose's label
let figures = 0;

const rad = (deg) => (deg * Math.PI) / 180;
/** A unit vector at `deg` degrees from straight down, turning toward +x (forward, in the side view). */
const dir = (deg) => [Math.sin(rad(deg)), -Math.cos(rad(deg))];
const add = (p, d, len) => [p[0] + d[0] * len, p[1] + d[1] * len];

/** Joint positions of one pose, pelvis at the origin. Segments are [from, to, width, side]. */
function skeleton(view, pose) {
    const trunk = pose.trunk;
    const pelvis = [0, 0];
    const up = 180 - trunk;                 // direction of the spine
    const down = -trunk;                    // a limb hanging along the body
    const neck = add(pelvis, dir(up), LEN.trunk);
    const shoulderMid = add(pelvis, dir(up), LEN.trunk - 5);
    const headAngle = up - (pose.head || 0);
    const head = add(neck, dir(headAngle), LEN.neck + LEN.head);
    const segments = [];
    const joints = {pelvis, neck, head, headAngle};
    const front = view !== 'SIDE';
    const left = dir(90 - trunk);           // toward the figure's left, across the body (front view)
    for (const side of ['left', 'right']) {
        // front view: left limbs turn one way and right limbs the other; side view: both the same way
        const sign = front && side === 'right' ? -1 : 1;
        const across = front ? (side === 'left' ? 1 : -1) : 0;
        const shoulder = add(shoulderMid, left, across * LEN.shoulders);
        const hip = add(pelvis, left, across * LEN.hips);
        const arm = down + sign * pose.shoulders[side];
        // front and top views: a limb pointing toward the viewer looks shorter
        const armLength = front && pose.shouldersForward ? LEN.upperArm * Math.abs(Math.cos(rad(pose.shouldersForward[side]))) : LEN.upperArm;
        const thighLength = front && pose.hipsForward ? LEN.thigh * Math.abs(Math.cos(rad(pose.hipsForward[side]))) : LEN.thigh;
        const elbow = add(shoulder, dir(arm), armLength);
        const forearm = arm + sign * pose.elbows[side];
        // a straight arm pointing toward the viewer is short all along
        const forearmLength = pose.elbows[side] === 0 ? LEN.forearm * (armLength / LEN.upperArm) : LEN.forearm;
        const hand = add(elbow, dir(forearm), forearmLength);
        const thighAngle = down + sign * pose.hips[side];
        const knee = add(hip, dir(thighAngle), thighLength);
        const shinAngle = thighAngle - sign * pose.knees[side];
        const shinShare = front && pose.kneesForward ? Math.abs(Math.cos(rad(pose.kneesForward[side]))) : 1;
        const ankle = add(knee, dir(shinAngle), LEN.shin * shinShare);
        const ankleAngle = pose.ankles ? pose.ankles[side] : 0;
        const footAngle = front ? shinAngle + sign * (70 - ankleAngle) : shinAngle + 90 - ankleAngle;
        const toe = add(ankle, dir(footAngle), front ? LEN.foot * 0.7 * shinShare : LEN.foot);
        joints[side] = {shoulder, elbow, hand, hip, knee, ankle, toe};
        segments.push([hip, knee, WIDTH.thigh, side], [knee, ankle, WIDTH.shin, side], [ankle, toe, WIDTH.foot, side],
            [shoulder, elbow, WIDTH.upperArm, side], [elbow, hand, WIDTH.forearm, side]);
    }
    // the spine bends toward the back when it is rounded (positive) and toward the front when arched;
    // in the front and top views, positive bends it toward the figure's right
    const bulge = front ? dir(270 - trunk) : dir(up + 90);
    const mid = add(add(pelvis, dir(up), (LEN.trunk - 5) / 2), bulge, (pose.spine || 0) * 0.35);
    const body = [[pelvis, shoulderMid, WIDTH.trunk, 'trunk', mid], [neck, add(neck, dir(headAngle), LEN.neck), 8, 'trunk']];
    if (front) {
        body.push([joints.left.shoulder, joints.right.shoulder, WIDTH.shoulders, 'trunk'],
            [joints.left.hip, joints.right.hip, WIDTH.hips, 'trunk']);
    }
    const s = {joints, segments, body, front, back: view === 'BACK'};
    if (s.back) mirror(s);
    return s;
}

/** Seen from behind, the figure's left is on the viewer's left: the front view mirrored. */
function mirror(s) {
    const flip = (p) => [-p[0], p[1]];
    for (const seg of [...s.segments, ...s.body]) {
        seg[0] = flip(seg[0]);
        seg[1] = flip(seg[1]);
        if (seg[4]) seg[4] = flip(seg[4]);
    }
    for (const key of ['pelvis', 'neck', 'head']) s.joints[key] = flip(s.joints[key]);
    for (const side of ['left', 'right']) {
        for (const key of Object.keys(s.joints[side])) s.joints[side][key] = flip(s.joints[side][key]);
    }
}

/** Every point the body covers, as [x, y, radius]. */
function bodyPoints(s) {
    const points = [[...s.joints.head, LEN.head]];
    for (const [a, b, w, , c] of [...s.segments, ...s.body]) {
        points.push([...a, w / 2], [...b, w / 2]);
        // a bent spine reaches half way from its chord to its control point
        if (c) points.push([(a[0] + b[0]) / 4 + c[0] / 2, (a[1] + b[1]) / 4 + c[1] / 2, w / 2]);
    }
    return points;
}

function extent(points) {
    return {
        minX: Math.min(...points.map((p) => p[0] - p[2])), maxX: Math.max(...points.map((p) => p[0] + p[2])),
        minY: Math.min(...points.map((p) => p[1] - p[2])), maxY: Math.max(...points.map((p) => p[1] + p[2])),
    };
}

const moved = (p, dx, dy) => [p[0] + dx, p[1] + dy];

/** Moves a skeleton so that its lowest point rests on `floor`. */
function standOn(s, floor) {
    const dy = floor - extent(bodyPoints(s)).minY;
    const shift = (p) => moved(p, 0, dy);
    for (const list of [s.segments, s.body]) {
        for (const seg of list) {
            seg[0] = shift(seg[0]);
            seg[1] = shift(seg[1]);
            if (seg[4]) seg[4] = shift(seg[4]);
        }
    }
    s.joints.pelvis = shift(s.joints.pelvis);
    s.joints.neck = shift(s.joints.neck);
    s.joints.head = shift(s.joints.head);
    for (const side of ['left', 'right']) {
        for (const key of Object.keys(s.joints[side])) s.joints[side][key] = shift(s.joints[side][key]);
    }
}

/** The props of one pose as drawing parts: {kind: 'line'|'rect'|'ellipse', ..., layer: 'back'|'front'}. */
function propParts(props, s, view, floor) {
    const parts = [];
    const b = extent(bodyPoints(s));
    const {pelvis, head} = s.joints;
    const hands = [s.joints.left.hand, s.joints.right.hand];
    const line = (a, c, cls = 'fig-prop', layer = 'back') => parts.push({kind: 'line', a, b: c, cls, layer});
    const rect = (x, y, w, hgt, cls = 'fig-prop-fill', layer = 'back') => parts.push({kind: 'rect', x, y, w, h: hgt, cls, layer});
    for (const prop of props) {
        switch (prop) {
        case 'MAT':
            if (view === 'TOP') rect(b.minX - 8, b.minY - 8, b.maxX - b.minX + 16, b.maxY - b.minY + 16, 'fig-mat');
            else rect(b.minX - 10, 0, b.maxX - b.minX + 20, floor, 'fig-mat');
            break;
        case 'CHAIR': {
            const seat = pelvis[1] - WIDTH.trunk / 2 + 1;
            if (view === 'FRONT') {
                line([pelvis[0] - 22, seat + 42], [pelvis[0] + 22, seat + 42]);
                line([pelvis[0] - 22, seat], [pelvis[0] - 22, seat + 42]);
                line([pelvis[0] + 22, seat], [pelvis[0] + 22, seat + 42]);
                rect(pelvis[0] - 26, seat - 4, 52, 4);
                line([pelvis[0] - 22, seat - 4], [pelvis[0] - 22, 0]);
                line([pelvis[0] + 22, seat - 4], [pelvis[0] + 22, 0]);
            } else {
                const back = pelvis[0] - WIDTH.trunk / 2 - 3;
                rect(back, seat - 4, 38, 4);
                line([back, seat], [back, seat + 40]);
                line([back, seat - 4], [back, 0]);
                line([back + 36, seat - 4], [back + 36, 0]);
            }
            break;
        }
        case 'WALL_BEHIND':
            // seen from the front, a wall behind the figure is its backdrop
            if (view === 'FRONT') rect(b.minX - 14, 0, b.maxX - b.minX + 28, 195, 'fig-wall');
            else rect(b.minX - 8, 0, 7, 190, 'fig-wall');
            break;
        case 'WALL_AHEAD':
            rect(b.maxX + 1, 0, 7, 190, 'fig-wall');
            break;
        case 'DOORWAY':
            rect(b.minX - 8, 0, 7, 190, 'fig-wall');
            rect(b.maxX + 1, 0, 7, 190, 'fig-wall');
            rect(b.minX - 8, 183, b.maxX - b.minX + 16, 7, 'fig-wall');
            break;
        case 'TABLE': {
            const hand = hands.reduce((p, q) => (q[0] > p[0] ? q : p));
            const top = hand[1] - WIDTH.forearm / 2;
            rect(hand[0] - 30, top - 4, 64, 4);
            line([hand[0] - 26, top - 4], [hand[0] - 26, 0]);
            line([hand[0] + 30, top - 4], [hand[0] + 30, 0]);
            break;
        }
        case 'BAND': {
            const anchor = view === 'FRONT' ? [pelvis[0] + 95, pelvis[1] + 22] : [pelvis[0] + 110, pelvis[1] + 10];
            rect(anchor[0] + 2, 0, 6, 190, 'fig-wall');
            const pulling = view === 'FRONT'
                ? ['left', 'right'].filter((side) => s.joints[side].hand[1] > s.joints[side].elbow[1] - 10
                    && Math.abs(s.joints[side].hand[1] - s.joints[side].elbow[1]) < 15) : ['left', 'right'];
            for (const side of pulling.length ? pulling : ['right']) line(s.joints[side].hand, anchor, 'fig-band', 'front');
            break;
        }
        case 'TOWEL_STRAP': {
            const feet = [s.joints.left.toe, s.joints.right.toe];
            const foot = feet.reduce((p, q) => (q[1] > p[1] ? q : p));
            if (foot[1] > pelvis[1] + 20) {
                for (const hand of hands) line(hand, foot, 'fig-strap', 'front');
            } else {
                // held between the hands behind the back: in front of the body only when seen from behind
                line(hands[0], hands[1], 'fig-strap', view === 'BACK' ? 'front' : 'back');
            }
            break;
        }
        case 'TOWEL_ROLL':
            if (head[1] - LEN.head < 24) parts.push({kind: 'ellipse', cx: head[0], cy: floor + 3, rx: 9, ry: 3.5, cls: 'fig-soft', layer: 'back'});
            break;
        case 'PILLOW':
            if (head[1] - LEN.head < 30) parts.push({kind: 'ellipse', cx: head[0], cy: floor + 4, rx: 15, ry: 5, cls: 'fig-soft', layer: 'back'});
            break;
        default:
            break;
        }
    }
    return parts;
}

function partPoints(parts) {
    const points = [];
    for (const p of parts) {
        if (p.kind === 'line') points.push([...p.a, 1.5], [...p.b, 1.5]);
        if (p.kind === 'rect') points.push([p.x, p.y, 0], [p.x + p.w, p.y + p.h, 0]);
        if (p.kind === 'ellipse') points.push([p.cx - p.rx, p.cy - p.ry, 0], [p.cx + p.rx, p.cy + p.ry, 0]);
    }
    return points;
}

function el(tag, attrs) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, typeof v === 'number' ? String(Math.round(v * 10) / 10) : v);
    return node;
}

/** Draws one laid-out pose into `g`, shifted by dx; y is flipped (SVG y points down). */
function draw(g, {s, parts, dx, floorFrom, floorTo, top}) {
    const X = (p) => p[0] + dx;
    const Y = (p) => -p[1];
    // a thin white edge keeps a limb readable where it crosses the body; a limb pointing straight at the viewer
    // has no length and is left out
    const seg = ([a, b, w, , c], cls) => Math.hypot(b[0] - a[0], b[1] - a[1]) < 0.5 ? null : [['fig-edge', w + 3], [cls, w]].forEach(([k, width]) => g.append(c
        ? el('path', {d: `M${X(a).toFixed(1)} ${Y(a).toFixed(1)} Q${X(c).toFixed(1)} ${Y(c).toFixed(1)} ${X(b).toFixed(1)} ${Y(b).toFixed(1)}`,
            'stroke-width': width, class: k})
        : el('line', {x1: X(a), y1: Y(a), x2: X(b), y2: Y(b), 'stroke-width': width, class: k})));
    const prop = (p) => {
        if (p.kind === 'line') g.append(el('line', {x1: X(p.a), y1: Y(p.a), x2: X(p.b), y2: Y(p.b), class: p.cls}));
        if (p.kind === 'rect') g.append(el('rect', {x: p.x + dx, y: -(p.y + p.h), width: p.w, height: p.h, class: p.cls}));
        if (p.kind === 'ellipse') g.append(el('ellipse', {cx: p.cx + dx, cy: -p.cy, rx: p.rx, ry: p.ry, class: p.cls}));
    };
    parts.filter((p) => p.layer === 'back').forEach(prop);
    if (!top) g.append(el('line', {x1: floorFrom + dx, y1: 0, x2: floorTo + dx, y2: 0, class: 'fig-floor'}));
    // side view: the figure's left limbs are the far ones, drawn first and lighter
    const far = s.front ? [] : s.segments.filter((x) => x[3] === 'left');
    const legs = s.segments.filter((x) => !far.includes(x) && [WIDTH.thigh, WIDTH.shin, WIDTH.foot].includes(x[2]));
    const arms = s.segments.filter((x) => !far.includes(x) && !legs.includes(x));
    far.forEach((x) => seg(x, 'fig-far'));
    legs.forEach((x) => seg(x, 'fig-body'));
    s.body.forEach((x) => seg(x, 'fig-body'));
    const {head, headAngle} = s.joints;
    g.append(el('circle', {cx: X(head), cy: Y(head), r: LEN.head, class: 'fig-head'}));
    if (s.back) {
        // seen from behind: no face
    } else if (s.front) {
        const turn = s.turn || 0;
        if (turn) {
            const nose = add(head, dir(headAngle - 90), LEN.head * 0.6 * Math.sin(rad(turn)));
            g.append(el('circle', {cx: X(nose), cy: Y(nose), r: 2.4, class: 'fig-face'}));
        }
    } else {
        const nose = add(head, dir(headAngle - 90), LEN.head + 2.5);
        const brow = add(head, dir(headAngle - 90), LEN.head - 3);
        g.append(el('line', {x1: X(brow), y1: Y(brow), x2: X(nose), y2: Y(nose), class: 'fig-face'}));
    }
    arms.forEach((x) => seg(x, 'fig-body'));
    parts.filter((p) => p.layer === 'front').forEach(prop);
}

/**
 * The picture of an exercise: an <svg role="img"> whose <title> is the figure's alt text, or null when the exercise
 * has no figure. `size` is the height in CSS pixels a standing figure would have: every figure is drawn at the same
 * scale, so a lying figure is as long as a standing one is tall. The viewBox holds everything drawn.
 */
export function exerciseFigure(exercise, {size = 180} = {}) {
    const figure = exercise && exercise.figure;
    if (!figure || !Array.isArray(figure.poses) || !figure.poses.length) return null;
    const props = figure.props || [];
    const top = figure.view === 'TOP';
    const floor = props.includes('MAT') && !top ? 3 : 0;
    const laid = [];
    let cursor = 0;
    for (const pose of figure.poses) {
        const s = skeleton(figure.view, pose);
        s.turn = pose.headTurn;
        standOn(s, top ? 8 : floor);
        const parts = propParts(props, s, figure.view, floor);
        const b = extent([...bodyPoints(s), ...partPoints(parts)]);
        // wide enough for the pose's label too (about 7 units a character)
        const spare = figure.poses.length > 1 ? Math.max(0, (pose.label.length * 7.3 - (b.maxX - b.minX)) / 2) : 0;
        const from = b.minX - 6 - spare;
        const to = b.maxX + 6 + spare;
        laid.push({s, parts, dx: cursor - from, floorFrom: from, floorTo: to, b, label: pose.label, top});
        cursor += to - from + GAP;
    }
    const width = cursor - GAP;
    const ceiling = Math.max(...laid.map((l) => l.b.maxY)) + 4;
    const height = ceiling + (laid.length > 1 ? LABEL : 4);
    figures += 1;
    const titleId = `figure-title-${figures}`;
    const svg = el('svg', {viewBox: `0 ${-ceiling} ${width} ${height}`, role: 'img', 'aria-labelledby': titleId, class: 'figure',
        height: Math.round((size * height) / 200), width: Math.round((size * width) / 200)});
    const title = el('title', {id: titleId});
    title.textContent = figure.altText;
    svg.append(title);
    const g = el('g', {'aria-hidden': 'true'});
    svg.append(g);
    for (const l of laid) {
        draw(g, l);
        if (laid.length > 1) {
            const label = el('text', {x: l.dx + (l.floorFrom + l.floorTo) / 2, y: LABEL - 5, class: 'fig-label', 'text-anchor': 'middle'});
            label.textContent = l.label;
            g.append(label);
        }
    }
    return svg;
}
