package dev.nas.space;

import java.math.BigDecimal;

/** Short, exact decimal text for the numbers in keys and messages: 0.25, 0.001, 3.16e-5, 64. */
public final class Numbers {

    private Numbers() {
    }

    public static String format(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + exponent;
    }
}
