package org.smpledger.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.smpledger.events.EventCatalog;

class ContractTypeTest {

    @Test
    void everyTypeOfTheContractSaysWhenItsFactHappenedThroughInstantFields() {
        assertThat(ContractType.all()).hasSize(EventCatalog.all().size());
        assertThat(Occurrence.FIELDS.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        ContractType.all().stream().map(ContractType::name).toList());
        for (ContractType type : ContractType.all()) {
            Set<String> instants = Arrays.stream(type.eventClass().getRecordComponents())
                    .filter(c -> c.getType() == Instant.class)
                    .map(RecordComponent::getName)
                    .collect(Collectors.toSet());
            assertThat(instants).as(type.name()).containsAll(type.occurredFields());
        }
    }

    @Test
    void personalDataIsTheDetailsTheFreeTextBesideThemAndEveryPlaceTheContractMarks() {
        assertThat(ContractType.byName("ClientRegistered").orElseThrow().personalFields())
                .contains("personalDetails");
        assertThat(ContractType.byName("ClientDetailsCorrected").orElseThrow().personalFields())
                .contains("personalDetails", "reason");
        for (ContractType type : ContractType.all()) {
            assertThat(type.personalFields())
                    .as(type.name())
                    .containsAll(EventCatalog.describe(type.eventClass()).personalFields());
        }
        assertThat(ContractType.all())
                .filteredOn(ContractType::carriesPersonalData)
                .extracting(ContractType::name)
                .contains("ClientRegistered", "ClientDetailsCorrected", "SessionCompleted");
    }
}
