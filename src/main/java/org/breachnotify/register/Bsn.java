package org.breachnotify.register;

/** The Dutch citizen service number and its "elfproef" check. */
public final class Bsn {
    private Bsn() {
    }

    /** True when the value is exactly 9 digits, not all zeros, and passes the elfproef. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 9) {
            return false;
        }
        int sum = 0;
        boolean allZero = true;
        for (int i = 0; i < 9; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int digit = c - '0';
            allZero &= digit == 0;
            sum += i < 8 ? digit * (9 - i) : -digit;
        }
        return !allZero && sum % 11 == 0;
    }

    /** The last three digits, enough for staff to tell people apart without showing the whole number. */
    public static String masked(String value) {
        return value == null || value.length() < 3 ? "***" : "******" + value.substring(value.length() - 3);
    }
}
