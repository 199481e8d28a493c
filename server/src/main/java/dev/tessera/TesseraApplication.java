package dev.tessera;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tessera: issues, verifies and resets developer tokens. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TesseraApplication {

    public static void main(String[] args) {
        SpringApplication.run(TesseraApplication.class, args);
    }
}
