import { BaseRpcContext } from '@nestjs/microservices';
import { JsMsg } from 'nats';

/** Context of one JetStream message, for handlers that need the subject or the delivery count. */
export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  getMessage(): JsMsg {
    return this.args[0];
  }

  getSubject(): string {
    return this.args[0].subject;
  }

  getDeliveryCount(): number {
    return this.args[0].info.deliveryCount;
  }
}
