package org.breachnotify.printhouse;

import java.util.List;

/**
 * What {@link PrintFileAssembler} wrote.
 *
 * @param totalPages pages in the print file, blank duplex pages included
 * @param sheets     sheets of paper when printed duplex ({@code totalPages / 2})
 * @param firstPages 1-based page in the print file where each letter starts, in input order
 */
public record PrintFile(int totalPages, int sheets, List<Integer> firstPages) {

    public PrintFile {
        firstPages = List.copyOf(firstPages);
    }
}
