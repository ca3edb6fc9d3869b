package org.smpledger.events.treatment;

import java.time.LocalDate;

/**
 * Who the client is. Personal data: it appears only in {@link ClientRegistered} and
 * {@link ClientDetailsCorrected}, never on Kafka topics, so it can be made erasable.
 * {@code email} and {@code phone} may be null.
 */
public record PersonalDetails(String fullName, LocalDate dateOfBirth, String email, String phone) {}
