package org.smpledger.app.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar smp-app.jar hash-password [--cost=12]}: reads a password (twice, unechoed, at a
 * terminal; one line from standard input otherwise) and prints its BCrypt hash for
 * {@code smp.security.users[n].password-hash}. Exit code 0, or 2 with one line on stderr.
 */
public final class PasswordHashing {

    public static final String COMMAND = "hash-password";
    static final int DEFAULT_COST = 12;
    static final int MINIMUM_LENGTH = 12;

    private PasswordHashing() {}

    public static int run(String[] args, Console console, InputStream in, PrintStream out, PrintStream err) {
        int cost = DEFAULT_COST;
        for (String arg : args) {
            if (arg.startsWith("--cost=")) {
                try {
                    cost = Integer.parseInt(arg.substring("--cost=".length()));
                } catch (NumberFormatException e) {
                    cost = -1;
                }
                if (cost < 10 || cost > 16) {
                    err.println("hash-password: --cost must be a number from 10 to 16");
                    return 2;
                }
            } else {
                err.println("hash-password: unknown argument " + arg + " (usage: hash-password [--cost=12])");
                return 2;
            }
        }
        char[] password;
        try {
            password = console != null ? fromConsole(console) : fromInput(in);
        } catch (IOException e) {
            err.println("hash-password: could not read the password: " + e.getMessage());
            return 2;
        }
        if (password == null) {
            err.println("hash-password: the two passwords differ");
            return 2;
        }
        if (password.length < MINIMUM_LENGTH) {
            err.println("hash-password: use at least " + MINIMUM_LENGTH + " characters");
            return 2;
        }
        out.println(new BCryptPasswordEncoder(cost).encode(new String(password)));
        Arrays.fill(password, ' ');
        return 0;
    }

    private static char[] fromConsole(Console console) {
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            return null;
        }
        Arrays.fill(again, ' ');
        return first;
    }

    private static char[] fromInput(InputStream in) throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
