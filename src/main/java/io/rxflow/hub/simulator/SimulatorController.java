package io.rxflow.hub.simulator;

import io.rxflow.hub.support.NcpdpId;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** HTTP face of the pharmacy simulator: SCRIPT in, SCRIPT out, plus the controls tests and demos use. */
@RestController
@RequestMapping("/simulator/pharmacies/{ncpdpId}")
@ConditionalOnProperty(prefix = "rxflow.simulator", name = "enabled", havingValue = "true")
public class SimulatorController {
    private final PharmacySimulator simulator;
    private final org.springframework.beans.factory.ObjectProvider<SimulatedConversation> conversation;

    public SimulatorController(
            PharmacySimulator simulator,
            org.springframework.beans.factory.ObjectProvider<SimulatedConversation> conversation) {
        this.simulator = simulator;
        this.conversation = conversation;
    }

    /** Receives a SCRIPT NewRx and answers Status 000, a SCRIPT Error, or 503 when the pharmacy is down. */
    @PostMapping(
            path = "/script",
            consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE},
            produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<String> script(@PathVariable String ncpdpId, @RequestBody(required = false) String xml) {
        Answer answer = simulator.receive(known(ncpdpId), xml);
        if (answer.xml() == null) {
            return ResponseEntity.status(answer.httpStatus()).build();
        }
        return ResponseEntity.status(answer.httpStatus())
                .contentType(MediaType.APPLICATION_XML)
                .body(answer.xml());
    }

    /** Takes the pharmacy {@code up}, {@code down} (503) or into {@code error} (SCRIPT Error 900). */
    @PutMapping("/mode")
    public ResponseEntity<Void> mode(@PathVariable String ncpdpId, @RequestBody String mode) {
        PharmacyMode parsed;
        try {
            parsed = PharmacyMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        simulator.pharmacy(known(ncpdpId)).mode(parsed);
        return ResponseEntity.noContent().build();
    }

    /** What the pharmacy sends after it accepts a NewRx: none, fill, partial-fill, renewal, garbage, twice, ... */
    @PutMapping("/follow-up")
    public ResponseEntity<Void> followUp(@PathVariable String ncpdpId, @RequestBody String followUp) {
        FollowUp parsed;
        try {
            parsed = FollowUp.parse(followUp);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        conversation().followUp(known(ncpdpId), parsed);
        return ResponseEntity.noContent().build();
    }

    /** How the pharmacy answers a CancelRx: {@code approve} (default) or {@code deny}. */
    @PutMapping("/cancel-answer")
    public ResponseEntity<Void> cancelAnswer(@PathVariable String ncpdpId, @RequestBody String answer) {
        String a = answer == null ? "" : answer.strip().toLowerCase(java.util.Locale.ROOT);
        if (!a.equals("approve") && !a.equals("deny")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "cancel-answer must be approve or deny");
        }
        conversation().denyCancels(known(ncpdpId), a.equals("deny"));
        return ResponseEntity.noContent().build();
    }

    private SimulatedConversation conversation() {
        SimulatedConversation c = conversation.getIfAvailable();
        if (c == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the simulator's conversation is not running");
        }
        return c;
    }

    /** The distinct NewRx MessageIDs accepted and how many arrived again. */
    @GetMapping(path = "/received", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> received(@PathVariable String ncpdpId) {
        return simulator.pharmacy(known(ncpdpId)).received().asJson();
    }

    /** Forgets what the pharmacy received. */
    @DeleteMapping("/received")
    public ResponseEntity<Void> reset(@PathVariable String ncpdpId) {
        simulator.pharmacy(known(ncpdpId)).reset();
        return ResponseEntity.noContent().build();
    }

    private static String known(String ncpdpId) {
        if (!NcpdpId.isValid(ncpdpId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no simulated pharmacy with that NCPDP ID");
        }
        return ncpdpId;
    }
}
