package org.rehabit.session.energy;

import org.rehabit.support.Problem;

import java.math.BigDecimal;
import java.util.List;

/**
 * Turns heights and weights as entered into exact centimetres and kilograms, refusing what no person can
 * measure: exactly one unit per measure, and a plausible range whatever the unit.
 */
final class Measures {

    private Measures() {
    }

    /** The height in exact cm; null after adding to {@code errors} why there is none. */
    static BigDecimal heightCm(Height height, String field, List<Problem.FieldError> errors) {
        boolean metric = height.cm() != null;
        boolean imperial = height.feet() != null || height.inches() != null;
        if (metric == imperial) {
            errors.add(new Problem.FieldError(field,
                    "give exactly one unit: {\"cm\": ...} or {\"feet\": ..., \"inches\": ...}"));
            return null;
        }
        if (imperial && height.feet() == null) {
            errors.add(new Problem.FieldError(field + ".feet", "is required with inches"));
            return null;
        }
        if (imperial && height.inches() == null) {
            errors.add(new Problem.FieldError(field + ".inches", "is required with feet (0 for none)"));
            return null;
        }
        BigDecimal cm = metric ? height.cm() : EnergyMath.cm(height.feet(), height.inches());
        if (cm.compareTo(EnergyMath.MIN_HEIGHT_CM) < 0 || cm.compareTo(EnergyMath.MAX_HEIGHT_CM) > 0) {
            errors.add(new Problem.FieldError(metric ? field + ".cm" : field,
                    "must be between 50 and 272 cm (about 1 ft 7.7 in to 8 ft 11 in)"));
            return null;
        }
        return cm;
    }

    /** The weight in exact kg; null after adding to {@code errors} why there is none. */
    static BigDecimal weightKg(Weight weight, String field, List<Problem.FieldError> errors) {
        if ((weight.kg() == null) == (weight.lb() == null)) {
            errors.add(new Problem.FieldError(field, "give exactly one unit: {\"kg\": ...} or {\"lb\": ...}"));
            return null;
        }
        BigDecimal kg = weight.kg() != null ? weight.kg() : EnergyMath.kg(weight.lb());
        if (kg.compareTo(EnergyMath.MIN_WEIGHT_KG) < 0 || kg.compareTo(EnergyMath.MAX_WEIGHT_KG) > 0) {
            errors.add(new Problem.FieldError(field + (weight.kg() != null ? ".kg" : ".lb"),
                    "must be between 20 and 400 kg (about 44.1 to 881.8 lb)"));
            return null;
        }
        return kg;
    }

    /** A JSON number as entered, without an exponent (2E+2 becomes 200), so it reads back as plain digits. */
    static BigDecimal plain(BigDecimal value) {
        return value == null || value.scale() >= 0 ? value : value.setScale(0);
    }
}
