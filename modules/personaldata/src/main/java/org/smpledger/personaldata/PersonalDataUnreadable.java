package org.smpledger.personaldata;

/**
 * A sealed value that does not open: it was altered, or sealed for another place or under another
 * key. Its message says which check failed, never anything of the value.
 */
public class PersonalDataUnreadable extends RuntimeException {
    public PersonalDataUnreadable(String message) {
        super(message, null, false, false);
    }
}
