package org.smpledger.app;

import java.util.Arrays;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.smpledger.app.security.PasswordHashing;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The service. {@code hash-password} as first argument prints a BCrypt hash for
 * {@code smp.security.users[n].password-hash} instead of starting it. Spring Boot's generated
 * default user is switched off (the service never starts with a password nobody chose), and so is
 * Axon's update checker (it would report to its vendor and write into the user's home).
 */
@SpringBootApplication(exclude = {UserDetailsServiceAutoConfiguration.class, UpdateCheckerAutoConfiguration.class})
@ConfigurationPropertiesScan
public class SmpLedgerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && PasswordHashing.COMMAND.equals(args[0])) {
            System.exit(PasswordHashing.run(
                    Arrays.copyOfRange(args, 1, args.length), System.console(), System.in, System.out, System.err));
        }
        SpringApplication.run(SmpLedgerApplication.class, args);
    }
}
