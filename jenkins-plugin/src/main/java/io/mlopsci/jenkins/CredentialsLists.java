package io.mlopsci.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Credential drop-downs for the step and global forms. Only users who may configure the context
 * see the list (otherwise just the current value), as the credentials plugin's consumer guide asks.
 */
final class CredentialsLists {

    private CredentialsLists() {}

    /** Credentials usable in a job (or, with no job, globally), with an empty choice and the current value. */
    static ListBoxModel forItem(Item item, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = current == null ? "" : current;
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(value);
            }
        } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(value);
        }
        // What the job itself may use: its own authentication (Authorize Project, ...), not SYSTEM's view.
        return result.includeEmptyValue()
                .includeAs(
                        item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        item,
                        StandardCredentials.class,
                        List.of())
                .includeCurrentValue(value);
    }
}
