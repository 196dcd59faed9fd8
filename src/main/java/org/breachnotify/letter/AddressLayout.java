package org.breachnotify.letter;

/**
 * The rules an address block was written by, kept with every letter in the archive ({@code letter.address_layout}),
 * so that a letter made under earlier rules regenerates exactly as it was printed (its content hash) after the rules
 * improved. A new letter always gets {@link #CURRENT}.
 */
public enum AddressLayout {

    /**
     * The first rules: street and number (house letter joined, suffix after a hyphen: {@code 12a-2}), postcode
     * before the city everywhere, the country last when abroad.
     */
    FIRST(1),

    /**
     * Each country's postal order: Dutch address lines per NEN 5825:2002 as the population register writes them
     * ({@code 103 c}, {@code 9-2}, {@code 400 LToe}), the house number before the street where that country writes
     * it so (France, the United Kingdom, the United States, ...), the postcode after the city or on its own line
     * where that country wants it, the country last in capitals.
     */
    POSTAL_ORDER(2);

    /** The rules every new letter is made with. */
    public static final AddressLayout CURRENT = POSTAL_ORDER;

    private final int version;

    AddressLayout(int version) {
        this.version = version;
    }

    /** The number stored in the archive. */
    public int version() {
        return version;
    }

    /** The layout stored as {@code version}; an unknown number is refused, naming it. */
    public static AddressLayout of(int version) {
        for (AddressLayout layout : values()) {
            if (layout.version == version) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown address layout " + version);
    }
}
