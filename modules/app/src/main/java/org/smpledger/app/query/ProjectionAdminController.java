package org.smpledger.app.query;

import java.util.List;
import java.util.Optional;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.smpledger.projections.replay.ProjectionStatus;
import org.smpledger.projections.replay.ReplayProgress;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clinic-admins: each projection's processor, lag and replay progress; starting a replay. A
 * replay rebuilds the read models of every clinic; what this shows is positions in the one global
 * event stream (no clinic's ids, records or counts of its own).
 */
@RestController
class ProjectionAdminController {

    private final ObjectProvider<ProjectionProcessors> processors;

    ProjectionAdminController(ObjectProvider<ProjectionProcessors> processors) {
        this.processors = processors;
    }

    @GetMapping("/api/admin/projections")
    @Admits(Role.CLINIC_ADMIN)
    List<ProjectionStatus> all() {
        ProjectionProcessors running = running();
        return running.names().stream().map(running::status).toList();
    }

    @GetMapping("/api/admin/projections/{name}")
    @Admits(Role.CLINIC_ADMIN)
    ProjectionStatus status(@PathVariable String name) {
        return running().status(known(name));
    }

    /** 202 with the replay's progress; asking while one runs reports that one. */
    @PostMapping("/api/admin/projections/{name}/replay")
    @Admits(Role.CLINIC_ADMIN)
    ResponseEntity<ReplayProgress> replay(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(running().replay(known(name)));
    }

    private String known(String name) {
        if (!running().knows(name)) {
            throw QueryParameters.notFound(
                    "no projection named " + name + "; known: " + running().names());
        }
        return name;
    }

    private ProjectionProcessors running() {
        return QueryParameters.available(Optional.ofNullable(processors.getIfAvailable()));
    }
}
