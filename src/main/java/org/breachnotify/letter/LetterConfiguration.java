package org.breachnotify.letter;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where template sets come from: a folder on disk when configured, else the bundled ones. */
@Configuration(proxyBeanMethods = false)
class LetterConfiguration {

    @Bean
    LetterTemplates letterTemplates(@Value("${breachnotify.letters.dir:}") String directory) {
        return directory.isBlank() ? new LetterTemplates() : new LetterTemplates(Path.of(directory));
    }
}
