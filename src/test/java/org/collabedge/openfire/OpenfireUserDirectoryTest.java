package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.collabedge.host.UserDirectory.DirectoryUser;
import org.jivesoftware.openfire.auth.AuthFactory;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.auth.ConnectionException;
import org.jivesoftware.openfire.auth.UnauthorizedException;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

class OpenfireUserDirectoryTest {

    private MockedStatic<AuthFactory> auth;
    private MockedStatic<UserManager> users;
    private final OpenfireUserDirectory directory = new OpenfireUserDirectory();

    @BeforeEach
    void setUp() throws Exception {
        AuthToken token = mock(AuthToken.class);
        auth = Mockito.mockStatic(AuthFactory.class);
        auth.when(() -> AuthFactory.authenticate(anyString(), anyString())).thenAnswer(i -> {
            String user = i.getArgument(0);
            String password = i.getArgument(1);
            if (user.equals("alice") && password.equals("s3cret")) {
                return token;
            }
            if (user.equals("ldap-user")) {
                throw new ConnectionException("LDAP down");
            }
            throw new UnauthorizedException();
        });

        UserManager manager = mock(UserManager.class);
        User alice = mock(User.class);
        when(alice.getUsername()).thenReturn("alice");
        when(alice.getName()).thenReturn("Alice Example");
        when(alice.getEmail()).thenReturn("alice@example.org");
        Mockito.doThrow(new UserNotFoundException()).when(manager).getUser(anyString());
        Mockito.doReturn(alice).when(manager).getUser("alice");
        users = Mockito.mockStatic(UserManager.class);
        users.when(UserManager::getInstance).thenReturn(manager);
    }

    @AfterEach
    void tearDown() {
        if (users != null) {
            users.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    @Test
    void onlyTheRightPasswordAuthenticates() {
        assertTrue(directory.authenticate("alice", "s3cret".toCharArray()));
        assertFalse(directory.authenticate("alice", "wrong".toCharArray()));
        assertFalse(directory.authenticate("nobody", "s3cret".toCharArray()));
        assertFalse(directory.authenticate("ldap-user", "pw".toCharArray()), "provider failure is not a success");
        assertFalse(directory.authenticate("", "s3cret".toCharArray()));
        assertFalse(directory.authenticate("alice", null));
    }

    @Test
    void lookupMapsOpenfireUsers() {
        assertEquals(Optional.of(new DirectoryUser("alice", "Alice Example", "alice@example.org")),
                directory.lookup("alice"));
        assertEquals(Optional.empty(), directory.lookup("bob"));
        assertEquals(Optional.empty(), directory.lookup(null));
    }
}
