package org.breachnotify.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** HTTP Basic credentials checked against the engine's identity service (its login-attempt delay included). */
class EngineUserAuthenticationProvider implements AuthenticationProvider {
    private final UserDirectory directory;

    EngineUserAuthenticationProvider(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        return directory.authenticate(authentication.getName(), password)
                .map(EngineUserAuthentication::basic)
                .orElseThrow(() -> new BadCredentialsException("unknown user or wrong password"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
