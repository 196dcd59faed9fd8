package org.breachnotify.returnmail;

import java.util.Optional;

/**
 * The population register (BRP). Today fed by address-updates.csv; a Haal Centraal BRP client can implement this
 * interface without touching the journey.
 */
public interface PopulationRegister {

    Optional<RegisterEntry> lookUp(long campaignId, String bsn);
}
