package org.breachnotify.support;

/** Valid (elfproef) BSNs for tests, one per seed number. */
public final class TestBsn {
    private TestBsn() {
    }

    public static String valid(int seed) {
        for (int n = seed * 10; ; n++) {
            String prefix = "%08d".formatted(10_000_000 + n % 90_000_000);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (prefix.charAt(i) - '0') * (9 - i);
            }
            int check = sum % 11;
            if (check <= 9) {
                return prefix + check;
            }
        }
    }
}
