package io.certbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CertbridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CertbridgeApplication.class, args);
    }
}
