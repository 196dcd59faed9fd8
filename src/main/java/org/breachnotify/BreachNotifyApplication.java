package org.breachnotify;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BreachNotifyApplication {
    public static void main(String[] args) {
        SpringApplication.run(BreachNotifyApplication.class, args);
    }
}
